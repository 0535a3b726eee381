/**
 * Explanations: what every placement returns for every host — the filter that rejected it, or its score
 * per weigher (raw value, normalised 0..1, multiplier, weighted) and the total. The same shapes serve the
 * console ("why this host") and `vdc place`.
 */
import type { AffinityRule } from './rules';
import type { HostVerdict, PlacementDecision, PlacementRequest } from './types';

/** Optional request fields the schedulers understand beyond the engine's PlacementRequest. */
export interface PlacementExtras {
  /** Disk space a new guest needs on one reachable datastore (when `datastoreIds` is empty), GiB. */
  diskGiB?: number;
  /** Rules given with the request (e.g. for a guest that does not exist yet). */
  rules?: AffinityRule[];
  /** False when the guest is placed powered off (HA admission control applies to power-ons only). */
  powerOn?: boolean;
}

export type SchedRequest = PlacementRequest & PlacementExtras;

export interface WeightDetail {
  weigher: string;
  /** The weigher's own measure (e.g. free MiB). */
  raw: number;
  /** Min–max normalised over the hosts that passed the filters [O1]. */
  normalised: number;
  multiplier: number;
  /** normalised × multiplier. */
  weighted: number;
}

export interface ExplainedVerdict extends HostVerdict {
  /** Name of the filter that rejected the host, or null when it passed every filter. */
  rejectedBy: string | null;
  /** Score per weigher (empty when rejected). */
  weights: WeightDetail[];
}

export interface ExplainedDecision extends PlacementDecision {
  verdicts: ExplainedVerdict[];
  /** One sentence: why the chosen host won, or why no host qualified. */
  summary: string;
}

export function rejected(hostId: string, hostName: string, filter: string, reason: string): ExplainedVerdict {
  return { hostId, hostName, eligible: false, score: 0, reasons: [`${filter}: ${reason}`], rejectedBy: filter, weights: [] };
}

export function summarise(policy: string, verdicts: ExplainedVerdict[], chosen: ExplainedVerdict | null): string {
  if (chosen) {
    const n = verdicts.filter((v) => v.eligible).length;
    return `${policy} chose ${chosen.hostName} (score ${chosen.score.toFixed(3)}) among ${n} eligible of ${verdicts.length} host(s)`;
  }
  if (verdicts.length === 0) return `${policy}: no host in scope`;
  const counts = new Map<string, number>();
  for (const v of verdicts) if (v.rejectedBy) counts.set(v.rejectedBy, (counts.get(v.rejectedBy) ?? 0) + 1);
  const parts = [...counts.entries()].map(([f, c]) => `${f} ×${c}`);
  return `${policy}: no host qualifies (${parts.join(', ')})`;
}

/** A fixed-width text table of a decision (CLI). */
export function formatDecision(d: ExplainedDecision): string {
  const weigherNames: string[] = [];
  for (const v of d.verdicts) for (const w of v.weights) if (!weigherNames.includes(w.weigher)) weigherNames.push(w.weigher);
  const header = ['', 'host', 'verdict', ...weigherNames, 'total'];
  const rows: string[][] = d.verdicts.map((v) => {
    const mark = v.hostId === d.hostId ? '*' : '';
    if (!v.eligible) return [mark, v.hostName, `rejected by ${v.rejectedBy ?? '?'}: ${v.reasons[0]?.replace(/^[^:]+: /, '') ?? ''}`, ...weigherNames.map(() => ''), ''];
    const cells = weigherNames.map((n) => {
      const w = v.weights.find((x) => x.weigher === n);
      return w ? `${w.weighted.toFixed(3)} (${fmtRaw(w.raw)})` : '';
    });
    return [mark, v.hostName, 'eligible', ...cells, v.score.toFixed(3)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '', d.summary].join('\n');
}

function fmtRaw(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2);
}

/**
 * Explanations: what every placement returns for every host — the filter that rejected it, or its score
 * per weigher (raw value, normalised 0..1, multiplier, weighted) and the total. The same shapes serve the
 * console ("why this host") and `vdc place` (which formats them as a table).
 */
import type { HostVerdict, PlacementDecision, PlacementRequest, WeightDetail } from './types';

/** Requests carry the optional scheduler fields (diskGiB, rules, powerOn) declared in types.ts. */
export type SchedRequest = PlacementRequest;

export type { WeightDetail };

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
  return {
    hostId,
    hostName,
    eligible: false,
    score: 0,
    reasons: [`${filter}: ${reason}`],
    rejectedBy: filter,
    weights: [],
  };
}

export function summarise(
  policy: string,
  verdicts: ExplainedVerdict[],
  chosen: ExplainedVerdict | null,
): string {
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

/**
 * Explanations: what every placement returns for every host — the filter that rejected it, or its score
 * per weigher (raw value, normalised 0..1, multiplier, weighted) and the total. The same shapes serve the
 * console ("why this host") and `vdc place` (which formats them as a table).
 */
import type { HostVerdict, PlacementDecision, PlacementRequest, WeightDetail } from './types';
import { msg, msgText, type Msg } from '../messages';

/** Requests carry the optional scheduler fields (diskGiB, rules, powerOn) declared in types.ts. */
export type SchedRequest = PlacementRequest;

export type { WeightDetail };

export interface ExplainedVerdict extends HostVerdict {
  /** Name of the filter that rejected the host, or null when it passed every filter. */
  rejectedBy: string | null;
  /** Score per weigher (empty when rejected). */
  weights: WeightDetail[];
  /** `reasons` as message codes, in the same order (the console's languages). */
  reasonMsgs?: Msg[];
}

export interface ExplainedDecision extends PlacementDecision {
  verdicts: ExplainedVerdict[];
  /** One sentence: why the chosen host won, or why no host qualified. */
  summary: string;
  summaryMsg?: Msg;
}

export function rejected(
  hostId: string,
  hostName: string,
  filter: string,
  reason: string,
  reasonMsg?: Msg,
): ExplainedVerdict {
  return {
    hostId,
    hostName,
    eligible: false,
    score: 0,
    reasons: [`${filter}: ${reason}`],
    rejectedBy: filter,
    weights: [],
    reasonMsgs: [msg('place.rejected', { filter, reason: reasonMsg ?? reason })],
  };
}

/** The decision's sentence as a message code; `summarise` gives its English text. */
export function summaryOf(
  policy: string,
  verdicts: ExplainedVerdict[],
  chosen: ExplainedVerdict | null,
): Msg {
  if (chosen) {
    const n = verdicts.filter((v) => v.eligible).length;
    return msg('place.chose', {
      policy,
      host: chosen.hostName,
      score: chosen.score.toFixed(3),
      eligible: n,
      count: verdicts.length,
    });
  }
  if (verdicts.length === 0) return msg('place.noHostInScope', { policy });
  const counts = new Map<string, number>();
  for (const v of verdicts) if (v.rejectedBy) counts.set(v.rejectedBy, (counts.get(v.rejectedBy) ?? 0) + 1);
  const parts = [...counts.entries()].map(([filter, count]) => msg('place.filterCount', { filter, count }));
  const filters =
    parts.length === 0
      ? ''
      : parts.slice(1).reduce<Msg>((a, b) => msg('list.commaPair', { a, b }), parts[0]!);
  return msg('place.noneQualifies', { policy, filters });
}

export function summarise(
  policy: string,
  verdicts: ExplainedVerdict[],
  chosen: ExplainedVerdict | null,
): string {
  return msgText(summaryOf(policy, verdicts, chosen));
}

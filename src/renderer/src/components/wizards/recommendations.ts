/**
 * Manual DRS in the wizards: the ranked host recommendations for a new guest — from `placement.explain` (the same scorer the engine uses) or from the
 * engine's PLACEMENT_CHOICE_REQUIRED refusal (`details.recommendations`).
 */
import type { ApiError } from '@shared/errors';
import type { PlacementHostVerdictView } from '@shared/schemas/views';

export interface Recommendation {
  rank: number;
  hostId: string;
  hostName: string;
  score: number;
  reasons: string[];
}

/** Eligible hosts of an explanation, best first: the chosen one, then by score, ties in the engine's order. */
export function rankExplanation(
  chosenHostId: string | null,
  hosts: readonly PlacementHostVerdictView[],
  hostName: (id: string) => string,
): Recommendation[] {
  return hosts
    .map((v, i) => ({ v, i }))
    .filter((x) => x.v.eligible)
    .sort(
      (a, b) =>
        Number(b.v.hostId === chosenHostId) - Number(a.v.hostId === chosenHostId) ||
        b.v.score - a.v.score ||
        a.i - b.i,
    )
    .map((x, k) => ({
      rank: k + 1,
      hostId: x.v.hostId,
      hostName: x.v.hostName || hostName(x.v.hostId),
      score: x.v.score,
      reasons: x.v.reasons,
    }));
}

/** The recommendations of a PLACEMENT_CHOICE_REQUIRED error, or null for any other error. */
export function recommendationsOf(error: ApiError): Recommendation[] | null {
  if (error.code !== 'PLACEMENT_CHOICE_REQUIRED') return null;
  const list = error.details?.recommendations;
  if (!Array.isArray(list)) return [];
  return list.flatMap((x: unknown) => {
    const r = x as Partial<Recommendation> | null;
    if (!r || typeof r.hostId !== 'string') return [];
    return [
      {
        rank: typeof r.rank === 'number' ? r.rank : 0,
        hostId: r.hostId,
        hostName: typeof r.hostName === 'string' ? r.hostName : r.hostId,
        score: typeof r.score === 'number' ? r.score : 0,
        reasons: Array.isArray(r.reasons) ? r.reasons.map(String) : [],
      },
    ];
  });
}

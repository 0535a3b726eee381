/**
 * Manual DRS state of a wizard: whether the cluster wants the user to choose the host, the ranked
 * recommendations and the chosen one (the best preselected, a pick kept while it stays recommended).
 */
import { ref, shallowRef } from 'vue';
import type { ApiError } from '@shared/errors';
import { recommendationsOf, type Recommendation } from './recommendations';
import { useApi } from '@renderer/api';
import { clusterIsManual } from './usePlacementTargets';

export function usePlacementChoice() {
  const api = useApi();
  const manual = ref(false);
  const recs = shallowRef<Recommendation[]>([]);
  const hostId = ref<string | null>(null);
  const note = ref<string | undefined>(undefined);

  function reset(): void {
    manual.value = false;
    recs.value = [];
    hostId.value = null;
    note.value = undefined;
  }
  /** Keeps the user's pick while it is still recommended, else preselects the best. */
  function offer(list: Recommendation[]): void {
    recs.value = list;
    if (!list.some((x) => x.hostId === hostId.value)) hostId.value = list[0]?.hostId ?? null;
  }
  /** Turns a PLACEMENT_CHOICE_REQUIRED refusal into the choice; false for any other error. */
  function offerFromError(error: ApiError, why: string): boolean {
    const list = recommendationsOf(error);
    if (!list) return false;
    manual.value = true;
    offer(list);
    note.value = why;
    return true;
  }
  /** Looks the cluster's DRS automation up; true when it is manual. */
  async function check(clusterId: string | null): Promise<boolean> {
    manual.value = await clusterIsManual(api, clusterId);
    return manual.value;
  }
  return { manual, recs, hostId, note, reset, offer, offerFromError, check };
}

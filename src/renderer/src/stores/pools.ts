/**
 * Resource pools and vApps (issue 20): every pooled cluster's pool tree from `pools.list`, refreshed with
 * the inventory (after commands and events) and, while a pool is selected, every 2 s for its live figures.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { PoolViewOut } from '@shared/contract-pools';
import { useApi } from '@renderer/api';
import { useInventoryStore } from './inventory';

export type PoolView = PoolViewOut;

export const usePoolsStore = defineStore('pools', () => {
  const api = useApi();
  const inv = useInventoryStore();
  const views = shallowRef<PoolView[]>([]);
  const version = ref(0);
  const byId = computed(() => new Map(views.value.map((v) => [v.id, v])));
  /** Pools only (not the cluster roots), by id. */
  const isPool = (id: string | null | undefined): boolean =>
    id !== null && id !== undefined && (byId.value.get(id)?.kind ?? 'root') !== 'root';

  async function refresh(): Promise<void> {
    const r = await api.call('pools.list', {});
    if (!r.ok) return;
    views.value = r.value;
    version.value++;
  }

  /** The tree of one cluster (its root first), fetched even when it has no pools yet. */
  async function ofCluster(clusterId: string): Promise<PoolView[]> {
    const r = await api.call('pools.list', { clusterId });
    return r.ok ? r.value : [];
  }

  inv.keepSelectionOf((id) => byId.value.has(id));
  watch(
    () => inv.version,
    () => void refresh(),
  );
  api.onCommand(() => void refresh());
  // Another client's pool commands change no inventory object: their events bring them in (at most 1/s).
  let soon: ReturnType<typeof setTimeout> | null = null;
  api.on('events', (events) => {
    if (soon !== null || !events.some((e) => /^(pool|vapp|vm\.movedToPool)/.test(e.type))) return;
    soon = setTimeout(() => {
      soon = null;
      void refresh();
    }, 1000);
  });
  api.on('workspace', () => void refresh());
  api.onReconnect(() => void refresh());
  let timer: ReturnType<typeof setInterval> | null = null;
  watch(
    () => isPool(inv.selectedId),
    (on) => {
      if (timer !== null) clearInterval(timer);
      timer = on ? setInterval(() => void refresh(), 2000) : null;
    },
  );
  void refresh();

  return { views, version, byId, isPool, refresh, ofCluster };
});

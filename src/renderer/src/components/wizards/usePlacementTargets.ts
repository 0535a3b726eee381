/** Clusters, hosts, datastores and networks a wizard can offer, from the inventory and `entity.list`. */
import { computed, shallowRef } from 'vue';
import type { EntitySummaryView } from '@shared/schemas/views';
import { useApi, type Api } from '@renderer/api';
import { useInventoryStore } from '@renderer/stores/inventory';

export function usePlacementTargets() {
  const api = useApi();
  const inv = useInventoryStore();
  const datastores = shallowRef<EntitySummaryView[]>([]);
  const networks = shallowRef<EntitySummaryView[]>([]);

  const clusters = computed(() => {
    void inv.version;
    return inv.all(['cluster']);
  });
  function hostsOf(clusterId: string | null) {
    void inv.version;
    return clusterId ? inv.descendants(clusterId, ['host']) : inv.all(['host']);
  }
  /** The cluster a selected object belongs to (itself when a cluster). */
  function clusterOf(id: string | null | undefined): string | null {
    if (!id) return null;
    const n = inv.node(id);
    if (!n) return null;
    if (n.kind === 'cluster') return n.id;
    return inv.ancestors(id).find((a) => inv.node(a)?.kind === 'cluster') ?? null;
  }
  function hostOf(id: string | null | undefined): string | null {
    if (!id) return null;
    const n = inv.node(id);
    if (n?.kind === 'host') return n.id;
    return inv.ancestors(id).find((a) => inv.node(a)?.kind === 'host') ?? null;
  }
  function nameTaken(name: string): boolean {
    for (const n of inv.index.byId.values())
      if (n.name === name && (n.kind === 'vm' || n.kind === 'container' || n.kind === 'service')) return true;
    return false;
  }
  async function loadStorage(): Promise<void> {
    const [d, n] = await Promise.all([
      api.call('entity.list', { kind: 'datastore' }),
      api.call('entity.list', { kind: 'network' }),
    ]);
    if (d.ok) datastores.value = d.value;
    if (n.ok) networks.value = n.value;
  }
  return { inv, clusters, hostsOf, clusterOf, hostOf, nameTaken, datastores, networks, loadStorage };
}

/** True when the cluster's DRS is enabled in manual mode (the engine then does not place new guests itself). */
export async function clusterIsManual(api: Api, clusterId: string | null): Promise<boolean> {
  if (!clusterId) return false;
  const r = await api.call('entity.describe', { id: clusterId });
  if (!r.ok || r.value.kind !== 'cluster') return false;
  const p = r.value.properties;
  return p.drsEnabled && p.drsAutomation === 'manual';
}

/** The Hosts & Clusters tree and per-object state names. */
import type { InventoryNode } from '../api';
import type { ContainerRec, HostRec, VmRec } from '../world/types';
import type { World } from '../world/world';

export function vmState(vm: VmRec): string {
  if (vm.template) return 'template';
  if (vm.haPending) return 'down';
  if (vm.migratingTo !== null) return 'migrating';
  if (vm.paused) return 'paused';
  return vm.power;
}

export function containerState(c: ContainerRec): string {
  return c.state;
}

export function hostState(h: HostRec): string {
  return h.state;
}

export function buildInventory(w: World): InventoryNode[] {
  const containersByVm = new Map<string, InventoryNode[]>();
  const containersByHost = new Map<string, InventoryNode[]>();
  for (const c of w.containers) {
    const parent = c.vmId ?? c.hostId ?? '';
    const node: InventoryNode = {
      id: c.id,
      kind: 'container',
      name: c.name,
      state: containerState(c),
      parentId: parent,
    };
    const map = c.vmId !== null ? containersByVm : containersByHost;
    const list = map.get(parent) ?? [];
    list.push(node);
    map.set(parent, list);
  }
  const vmsByHost = new Map<string, InventoryNode[]>();
  for (const vm of w.vms) {
    const node: InventoryNode = {
      id: vm.id,
      kind: 'vm',
      name: vm.name,
      state: vmState(vm),
      parentId: vm.hostId,
    };
    if (vm.tags.length > 0) node.tags = [...vm.tags];
    const kids = containersByVm.get(vm.id);
    if (kids) node.children = kids;
    const list = vmsByHost.get(vm.hostId) ?? [];
    list.push(node);
    vmsByHost.set(vm.hostId, list);
  }
  return w.datacenters.map((dc) => {
    const clusters: InventoryNode[] = w.clusters
      .filter((c) => c.datacenterId === dc.id)
      .map((c) => ({
        id: c.id,
        kind: 'cluster' as const,
        name: c.name,
        state: 'ok',
        parentId: dc.id,
        children: w.hosts
          .filter((h) => h.clusterId === c.id)
          .map((h) => ({
            id: h.id,
            kind: 'host' as const,
            name: h.name,
            state: hostState(h),
            parentId: c.id,
            ...(h.tags !== undefined && h.tags.length > 0 ? { tags: [...h.tags] } : {}),
            children: [...(vmsByHost.get(h.id) ?? []), ...(containersByHost.get(h.id) ?? [])],
          })),
      }));
    const clusterIds = new Set(clusters.map((c) => c.id));
    const datastores: InventoryNode[] = w.datastores
      .filter(
        (d) =>
          (d.clusterId !== null && clusterIds.has(d.clusterId)) ||
          (d.hostId !== null && clusterIds.has(w.hostById.get(d.hostId)?.clusterId ?? '')),
      )
      .map((d) => ({
        id: d.id,
        kind: 'datastore' as const,
        name: d.name,
        state: d.full ? 'full' : 'ok',
        parentId: dc.id,
      }));
    const networks: InventoryNode[] = w.networks
      .filter((n) => n.datacenterId === dc.id)
      .map((n) => ({ id: n.id, kind: 'network' as const, name: n.name, state: 'ok', parentId: dc.id }));
    const services: InventoryNode[] = w.services
      .filter((s) => clusterIds.has(s.clusterId))
      .map((s) => ({ id: s.id, kind: 'service' as const, name: s.name, state: 'ok', parentId: dc.id }));
    return {
      id: dc.id,
      kind: 'datacenter' as const,
      name: dc.name,
      state: 'ok',
      parentId: null,
      children: [...clusters, ...datastores, ...networks, ...services],
    };
  });
}

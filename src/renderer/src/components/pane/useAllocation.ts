/**
 * Sums what the powered-on VMs under a host, cluster or datacenter are configured with (vCPUs,
 * vCPU MHz at their host's core speed, memory) and the physical cores beneath, for the overcommit
 * ratios. Describes each VM and host once per inventory change, not on every tick.
 */
import { ref, watch, type Ref } from 'vue';
import { api } from '@renderer/api';
import { useInventoryStore } from '@renderer/stores/inventory';
import type { Allocation } from './capacity';
import { num } from './format';

const MAX_VMS = 400;

export function useAllocation(id: Ref<string | null>, kind: Ref<string | null>) {
  const inv = useInventoryStore();
  const alloc = ref<Allocation | null>(null);

  async function load(): Promise<void> {
    const target = id.value;
    if (!target || (kind.value !== 'host' && kind.value !== 'cluster' && kind.value !== 'datacenter')) {
      alloc.value = null;
      return;
    }
    const hosts = kind.value === 'host' ? [inv.node(target)].filter((h) => !!h) : inv.descendants(target, ['host']);
    const vms = inv.descendants(target, ['vm']).filter((v) => v.state === 'poweredOn').slice(0, MAX_VMS);
    const [hostDetails, vmDetails] = await Promise.all([
      Promise.all(hosts.map((h) => api.call('entity.describe', { id: h.id }))),
      Promise.all(vms.map((v) => api.call('entity.describe', { id: v.id }))),
    ]);
    if (target !== id.value) return;
    const coreMHz = new Map<string, number>();
    let pcores = 0;
    for (const r of hostDetails) {
      if (!r.ok) continue;
      coreMHz.set(r.value.id, num(r.value, 'properties.coreMHz') ?? 0);
      if (r.value.state === 'connected') pcores += (num(r.value, 'properties.sockets') ?? 0) * (num(r.value, 'properties.coresPerSocket') ?? 0);
    }
    let vcpus = 0;
    let cpuMHz = 0;
    let memMiB = 0;
    for (const r of vmDetails) {
      if (!r.ok) continue;
      const n = num(r.value, 'properties.vcpus') ?? 0;
      const hostId = r.value.properties && typeof r.value.properties === 'object' ? (r.value.properties as Record<string, unknown>).hostId : undefined;
      vcpus += n;
      cpuMHz += n * (typeof hostId === 'string' ? (coreMHz.get(hostId) ?? 0) : 0);
      memMiB += num(r.value, 'properties.memMiB') ?? 0;
    }
    alloc.value = { vcpus, cpuMHz, memMiB, pcores };
  }

  watch([id, kind, () => inv.version], () => void load(), { immediate: true });
  return alloc;
}

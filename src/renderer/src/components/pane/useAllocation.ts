/**
 * Sums vCPUs and memory of the powered-on VMs under a host or cluster (for overcommit ratios), by
 * describing each VM. Recomputed when the inventory changes, not on every tick.
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
    const vms = inv.descendants(target, ['vm']).filter((v) => v.state === 'poweredOn').slice(0, MAX_VMS);
    const details = await Promise.all(vms.map((v) => api.call('entity.describe', { id: v.id })));
    if (target !== id.value) return;
    let vcpus = 0;
    let memMiB = 0;
    for (const r of details) {
      if (!r.ok) continue;
      vcpus += num(r.value, 'properties.vcpus') ?? 0;
      memMiB += num(r.value, 'properties.memMiB') ?? 0;
    }
    alloc.value = { vcpus, memMiB };
  }

  watch([id, kind, () => inv.version], () => void load(), { immediate: true });
  return alloc;
}

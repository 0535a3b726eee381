/**
 * What the powered-on VMs under a host, cluster or datacenter are configured with (vCPUs, vCPU MHz
 * at their host's core speed, memory) and the physical cores beneath, for the overcommit ratios.
 *
 * The engine's describe answer carries these sums (vcpusAllocated, physicalCores, cpuAllocatedMHz,
 * memAllocatedMiB) on hosts, clusters and datacenters; they are read from there. Only when an older
 * backend leaves them out are the VMs described one by one — at most every 15 s, since at high
 * speed the inventory changes every second and 400 describes a second would flood the socket.
 */
import { computed, onScopeDispose, ref, watch, type Ref } from 'vue';
import type { EntityDetailView } from '@shared/schemas/views';
import { api } from '@renderer/api';
import { useInventoryStore } from '@renderer/stores/inventory';
import type { Allocation } from './capacity';
import { num } from './format';

const MAX_VMS = 400;
const FALLBACK_MIN_GAP_MS = 15_000;

/** The allocation sums of a describe answer, wherever the backend put them; null when absent. */
export function allocationOf(d: EntityDetailView | null): Allocation | null {
  if (!d) return null;
  const f = (k: string) => num(d, `properties.${k}`, k, `allocation.${k}`);
  const vcpus = f('vcpusAllocated');
  const memMiB = f('memAllocatedMiB');
  if (vcpus === null || memMiB === null) return null;
  return { vcpus, cpuMHz: f('cpuAllocatedMHz') ?? 0, memMiB, pcores: f('physicalCores') ?? 0 };
}

export function useAllocation(detail: Ref<EntityDetailView | null>) {
  const inv = useInventoryStore();
  const fallback = ref<Allocation | null>(null);
  const fromDetail = computed(() => allocationOf(detail.value));
  const id = computed(() => detail.value?.id ?? null);
  const kind = computed(() => detail.value?.kind ?? null);
  let lastId: string | null = null;
  let lastAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function describeAll(): Promise<void> {
    const target = id.value;
    if (!target || fromDetail.value || (kind.value !== 'host' && kind.value !== 'cluster' && kind.value !== 'datacenter')) {
      fallback.value = null;
      return;
    }
    lastId = target;
    lastAt = Date.now();
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
    fallback.value = { vcpus, cpuMHz, memMiB, pcores };
  }

  function schedule(): void {
    if (fromDetail.value) return;
    if (id.value !== lastId) {
      fallback.value = null;
      void describeAll();
      return;
    }
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void describeAll();
    }, Math.max(0, lastAt + FALLBACK_MIN_GAP_MS - Date.now()));
  }

  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer);
  });
  watch([id, () => fromDetail.value === null, () => inv.version], schedule, { immediate: true });
  return computed(() => fromDetail.value ?? fallback.value);
}

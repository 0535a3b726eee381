/**
 * Capacity figures (used / allocated / capacity) from an entity's describe answer: its latest metrics,
 * its typed properties and, for hosts, clusters and datacenters, the engine's allocation sums.
 */
import type { EntityDetailView } from '@shared/schemas/views';

export interface CapacityRow {
  key: 'cpu' | 'mem' | 'storage' | 'power';
  used: number | null;
  allocated: number | null;
  capacity: number | null;
  unit: string;
  scale: number;
  /** Overcommit ratio label: vCPU:pCPU or vRAM:pRAM (allocated / capacity). */
  ratio?: 'vcpu' | 'vram';
  neutral?: boolean;
}

/** vCPUs and memory configured on the powered-on VMs of a host or cluster. */
export interface Allocation {
  vcpus: number;
  /** vCPUs × the core speed of each VM's host. */
  cpuMHz: number;
  memMiB: number;
  /** Physical cores of the connected hosts beneath. */
  pcores: number;
}

/** The allocation sums the engine puts on hosts, clusters and datacenters; null for other kinds. */
export function allocationOf(d: EntityDetailView | null): Allocation | null {
  if (!d || !('allocation' in d)) return null;
  const a = d.allocation;
  return {
    vcpus: a.vcpusAllocated,
    cpuMHz: a.cpuAllocatedMHz,
    memMiB: a.memAllocatedMiB,
    pcores: a.physicalCores,
  };
}

/** `metrics`: the figures to use instead of the detail's own (a datacenter's come with every tick as totals). */
export function capacityRows(
  d: EntityDetailView,
  metrics: Readonly<Record<string, number>> = d.metrics,
): CapacityRow[] {
  const alloc = allocationOf(d);
  const m = (k: string): number | null => {
    const v = metrics[k];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  switch (d.kind) {
    case 'host':
    case 'cluster':
    case 'datacenter': {
      const p = d.properties;
      return [
        {
          key: 'cpu',
          used: m('cpu.usage.mhz'),
          allocated: alloc ? alloc.cpuMHz : null,
          capacity: m('cpu.capacity.mhz') ?? p.cpuCapacityMHz,
          unit: 'GHz',
          scale: 1000,
          ratio: 'vcpu',
        },
        {
          key: 'mem',
          used: m('mem.consumed.mib'),
          allocated: alloc ? alloc.memMiB : null,
          capacity: m('mem.capacity.mib') ?? p.memCapacityMiB,
          unit: 'GiB',
          scale: 1024,
          ratio: 'vram',
        },
      ];
    }
    case 'vm': {
      const usage = m('cpu.usage.mhz');
      const pct = m('cpu.usage.pct');
      const cpuCap = usage !== null && pct ? (usage / pct) * 100 : null;
      return [
        { key: 'cpu', used: usage, allocated: null, capacity: cpuCap, unit: 'GHz', scale: 1000 },
        {
          key: 'mem',
          used: m('mem.consumed.mib'),
          allocated: null,
          capacity: d.properties.memMiB,
          unit: 'GiB',
          scale: 1024,
          neutral: true,
        },
        {
          key: 'storage',
          used: m('disk.used.gib'),
          allocated: null,
          capacity: m('disk.provisioned.gib'),
          unit: 'GiB',
          scale: 1,
          neutral: true,
        },
      ];
    }
    case 'datastore': {
      const p = d.properties;
      return [
        {
          key: 'storage',
          used: m('disk.used.gib') ?? p.usedGiB,
          allocated: m('disk.provisioned.gib') ?? p.provisionedGiB,
          capacity: p.capacityGiB,
          unit: 'GiB',
          scale: 1,
        },
      ];
    }
    case 'container': {
      const p = d.properties;
      return [
        {
          key: 'cpu',
          used: m('cpu.usage.mcores'),
          allocated: p.cpuRequestMilli,
          capacity: p.cpuLimitMilli ?? p.cpuRequestMilli,
          unit: 'mcores',
          scale: 1,
        },
        {
          key: 'mem',
          used: m('mem.usage.mib'),
          allocated: p.memRequestMiB,
          capacity: p.memLimitMiB ?? p.memRequestMiB,
          unit: 'MiB',
          scale: 1,
          neutral: true,
        },
      ];
    }
    case 'network':
    case 'service':
      return [];
  }
}

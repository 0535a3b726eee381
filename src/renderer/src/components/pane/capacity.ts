/**
 * Capacity figures (used / allocated / capacity) from an entity's describe answer
 * ({ properties, metrics }) plus the allocation summed over its VMs.
 */
import type { EntityDetailView } from '@shared/schemas/views';
import { num } from './format';

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

export function capacityRows(d: EntityDetailView, alloc: Allocation | null): CapacityRow[] {
  const metrics = (d.metrics ?? {}) as Record<string, unknown>;
  const m = (k: string): number | null => {
    const v = metrics[k];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const p = (...k: string[]) => num(d, ...k.map((x) => `properties.${x}`));
  switch (d.kind) {
    case 'host':
    case 'cluster': {
      const cpuCap = m('cpu.capacity.mhz') ?? p('cpuCapacityMHz');
      return [
        { key: 'cpu', used: m('cpu.usage.mhz'), allocated: alloc ? alloc.cpuMHz : null, capacity: cpuCap, unit: 'GHz', scale: 1000, ratio: 'vcpu' },
        { key: 'mem', used: m('mem.consumed.mib'), allocated: alloc ? alloc.memMiB : null, capacity: m('mem.capacity.mib') ?? p('memCapacityMiB', 'memMiB'), unit: 'GiB', scale: 1024, ratio: 'vram' },
      ];
    }
    case 'vm': {
      const vcpus = p('vcpus') ?? 0;
      const usage = m('cpu.usage.mhz');
      const pct = m('cpu.usage.pct');
      const cpuCap = usage !== null && pct ? (usage / pct) * 100 : null;
      return [
        { key: 'cpu', used: usage, allocated: null, capacity: cpuCap ?? (vcpus ? null : null), unit: 'GHz', scale: 1000 },
        { key: 'mem', used: m('mem.consumed.mib'), allocated: null, capacity: p('memMiB'), unit: 'GiB', scale: 1024, neutral: true },
        { key: 'storage', used: m('disk.used.gib'), allocated: null, capacity: m('disk.provisioned.gib'), unit: 'GiB', scale: 1, neutral: true },
      ];
    }
    case 'datastore':
      return [{ key: 'storage', used: m('disk.used.gib') ?? p('usedGiB'), allocated: m('disk.provisioned.gib') ?? p('provisionedGiB'), capacity: p('capacityGiB'), unit: 'GiB', scale: 1 }];
    case 'container': {
      const lim = p('cpuLimitMilli') ?? p('cpuRequestMilli');
      return [
        { key: 'cpu', used: m('cpu.usage.mcores'), allocated: p('cpuRequestMilli'), capacity: lim, unit: 'mcores', scale: 1 },
        { key: 'mem', used: m('mem.usage.mib'), allocated: p('memRequestMiB'), capacity: p('memLimitMiB') ?? p('memRequestMiB'), unit: 'MiB', scale: 1, neutral: true },
      ];
    }
    case 'datacenter':
    case 'network':
    case 'service':
      return [];
  }
}

/**
 * Host weighers in the style of Nova [O1]: each weigher measures every host that passed the filters;
 * the measures are min–max normalised to 0..1 over those hosts (all equal → all 0, as nova.weights.normalize
 * does), multiplied by the weigher's multiplier and summed. Positive multipliers prefer large measures.
 * Defaults follow nova.conf: ram/cpu/disk 1.0 (spread), io_ops −1.0, soft (anti-)affinity 1.0.
 * CpuLoadWeigher is ours (a MetricsWeigher on measured CPU utilisation, multiplier −1: prefer idle hosts).
 */
import type { HostRec } from '../../world/types';
import { allocation, datastoreFreeGiB, hostCpuCapMHz } from '../capacity';
import { ruleViolation } from '../rules';
import { reachableDatastores, type FilterInput } from './filters';

export interface HostWeigher {
  name: string;
  defaultMultiplier: number;
  /** Unit of the raw measure, for the explanation. */
  unit: string;
  raw(fi: FilterInput, host: HostRec, prep: WeigherPrep): number;
}

/** Per-request data some weighers share (computed once). */
export interface WeigherPrep {
  /** Active tasks per host (Nova's io_ops: instances being built or migrated). */
  ioOps: Map<string, number>;
}

export function prepareWeighers(fi: FilterInput): WeigherPrep {
  const ioOps = new Map<string, number>();
  const bump = (id: string): void => {
    ioOps.set(id, (ioOps.get(id) ?? 0) + 1);
  };
  for (const t of fi.w.tasks) {
    if (t.state !== 'running' && t.state !== 'queued') continue;
    if (t.op.kind === 'liveMigrate') {
      bump(t.op.srcHostId);
      bump(t.op.dstHostId);
    } else {
      const vm = fi.w.vmById.get(t.target);
      if (vm) bump(vm.hostId);
    }
  }
  return { ioOps };
}

const ramWeigher: HostWeigher = {
  name: 'RAMWeigher',
  defaultMultiplier: 1.0,
  unit: 'MiB free',
  raw: (fi, h) => {
    const a = allocation(fi.w, fi.book, h);
    return a.memLimitMiB - a.memUsedMiB;
  },
};

const cpuWeigher: HostWeigher = {
  name: 'CPUWeigher',
  defaultMultiplier: 1.0,
  unit: 'vCPUs free',
  raw: (fi, h) => {
    const a = allocation(fi.w, fi.book, h);
    return a.vcpuLimit - a.vcpusUsed;
  },
};

const diskWeigher: HostWeigher = {
  name: 'DiskWeigher',
  defaultMultiplier: 1.0,
  unit: 'GiB free',
  raw: (fi, h) => {
    const w = fi.w;
    if (fi.req.datastoreIds.length > 0) {
      let min = Infinity;
      for (const id of fi.req.datastoreIds) {
        const ds = w.datastoreById.get(id);
        if (ds) min = Math.min(min, datastoreFreeGiB(ds));
      }
      return Number.isFinite(min) ? min : 0;
    }
    let best = 0;
    for (const ds of reachableDatastores(fi, h)) best = Math.max(best, datastoreFreeGiB(ds));
    return best;
  },
};

const ioOpsWeigher: HostWeigher = {
  name: 'IoOpsWeigher',
  defaultMultiplier: -1.0,
  unit: 'active tasks',
  raw: (_fi, h, prep) => prep.ioOps.get(h.id) ?? 0,
};

const cpuLoadWeigher: HostWeigher = {
  name: 'CpuLoadWeigher',
  defaultMultiplier: -1.0,
  unit: 'CPU demand / capacity',
  raw: (_fi, h) => {
    const cap = hostCpuCapMHz(h);
    return cap > 0 ? h.cpuDemandMHz / cap : 0;
  },
};

const softAffinityWeigher: HostWeigher = {
  name: 'SoftAffinityWeigher',
  defaultMultiplier: 1.0,
  unit: 'soft rules honoured',
  raw: (fi, h) => {
    let n = 0;
    for (const { rule, others } of fi.rules) {
      if (rule.mandatory) continue;
      if (rule.kind === 'keepTogether') n += others.get(h.id) ?? 0;
      else if (rule.kind === 'runOnHosts' && ruleViolation(rule, h.id, others) === null) n++;
    }
    return n;
  },
};

const softAntiAffinityWeigher: HostWeigher = {
  name: 'SoftAntiAffinityWeigher',
  defaultMultiplier: -1.0,
  unit: 'soft rules broken',
  raw: (fi, h) => {
    let n = 0;
    for (const { rule, others } of fi.rules) {
      if (rule.mandatory) continue;
      if (rule.kind === 'separate') n += others.get(h.id) ?? 0;
      else if (rule.kind === 'avoidHosts' && ruleViolation(rule, h.id, others) !== null) n++;
    }
    return n;
  },
};

export const WEIGHERS: Record<string, HostWeigher> = Object.fromEntries(
  [
    ramWeigher,
    cpuWeigher,
    diskWeigher,
    ioOpsWeigher,
    cpuLoadWeigher,
    softAffinityWeigher,
    softAntiAffinityWeigher,
  ].map((x) => [x.name, x]),
);

/** nova.weights.normalize: min–max to 0..1; when every value is equal, every value becomes 0. */
export function normalize(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return values.map(() => 0);
  const range = max - min;
  return values.map((v) => (v - min) / range);
}

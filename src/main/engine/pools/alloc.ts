/**
 * A pool's allocation from its spec, and the checks of a spec (scenario files and commands say the same).
 * Share levels of a pool are those of a VM with 4 vCPUs and 16 GiB [RM, "Resource Allocation Shares"].
 */
import type { PoolAllocSpec, SharesSpec } from '../model/scenario';
import type { PoolAlloc } from './types';

export const POOL_CPU_SHARES = { low: 2000, normal: 4000, high: 8000 } as const;
export const POOL_MEM_SHARES = { low: 81920, normal: 163840, high: 327680 } as const;

/** vSphere configuration maximums: resource pool tree depth and pools per cluster [CM]. */
export const POOL_LIMITS = { depth: 8, perCluster: 1600, total: 10_000, startOrder: 1000 } as const;
export const MAX_CPU_MHZ = 100_000_000;
export const MAX_MEM_MIB = 1024 * 1024 * 1024;

export type PoolResource = 'cpu' | 'mem';

export function poolShares(spec: SharesSpec | undefined, r: PoolResource): { shares: number; level: string } {
  const table = r === 'cpu' ? POOL_CPU_SHARES : POOL_MEM_SHARES;
  if (spec === undefined) return { shares: table.normal, level: 'normal' };
  if (typeof spec === 'number') return { shares: spec, level: 'custom' };
  return { shares: table[spec], level: spec };
}

export function poolAlloc(spec: PoolAllocSpec | undefined, r: PoolResource): PoolAlloc {
  const s = poolShares(spec?.shares, r);
  return {
    shares: s.shares,
    sharesLevel: s.level,
    reservation: spec?.reservation ?? 0,
    limit: spec?.limit ?? null,
    expandable: spec?.expandable ?? true,
  };
}

/** `base` with the fields the patch gives (limit: null = unlimited). */
export function patchAlloc(base: PoolAlloc, patch: PoolAllocSpec | undefined, r: PoolResource): PoolAlloc {
  if (!patch) return base;
  const s = patch.shares === undefined ? null : poolShares(patch.shares, r);
  return {
    shares: s ? s.shares : base.shares,
    sharesLevel: s ? s.level : base.sharesLevel,
    reservation: patch.reservation ?? base.reservation,
    limit: 'limit' in patch ? (patch.limit ?? null) : base.limit,
    expandable: patch.expandable ?? base.expandable,
  };
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems of an allocation spec, each naming its field (`path` e.g. "resourcePools[2].cpu"). */
export function allocSpecProblems(path: string, v: unknown, r: PoolResource): string[] {
  if (v === undefined) return [];
  if (!isObj(v)) return [`${path}: must be an object`];
  const out: string[] = [];
  const max = r === 'cpu' ? MAX_CPU_MHZ : MAX_MEM_MIB;
  const unit = r === 'cpu' ? 'MHz' : 'MiB';
  const sh = v['shares'];
  if (
    sh !== undefined &&
    !(sh === 'low' || sh === 'normal' || sh === 'high') &&
    !(typeof sh === 'number' && Number.isInteger(sh) && sh >= 1 && sh <= 1_000_000)
  )
    out.push(`${path}.shares: must be low, normal, high or a whole number from 1 to 1000000`);
  const res = v['reservation'];
  if (res !== undefined && !(typeof res === 'number' && Number.isInteger(res) && res >= 0 && res <= max))
    out.push(`${path}.reservation: must be a whole number of ${unit} from 0 to ${max}`);
  const lim = v['limit'];
  if (
    lim !== undefined &&
    lim !== null &&
    !(typeof lim === 'number' && Number.isInteger(lim) && lim >= 1 && lim <= max)
  )
    out.push(`${path}.limit: must be null (unlimited) or a whole number of ${unit} from 1 to ${max}`);
  if (typeof lim === 'number' && typeof res === 'number' && res > lim)
    out.push(`${path}.reservation: ${res} ${unit} exceeds the limit of ${lim} ${unit}`);
  const ex = v['expandable'];
  if (ex !== undefined && typeof ex !== 'boolean') out.push(`${path}.expandable: must be true or false`);
  return out;
}

/** Problems of a start order: VM ids (texts, unique) and delays (0 … 3600 s). */
export function startOrderProblems(path: string, v: unknown): string[] {
  if (!Array.isArray(v)) return [`${path}: must be a list`];
  if (v.length > POOL_LIMITS.startOrder)
    return [`${path}: must have at most ${POOL_LIMITS.startOrder} entries`];
  const out: string[] = [];
  const seen = new Set<string>();
  v.forEach((e, i) => {
    if (!isObj(e)) {
      out.push(`${path}[${i}]: must be an object`);
      return;
    }
    const id = e['vmId'];
    if (typeof id !== 'string' || id.length === 0 || id.length > 200)
      out.push(`${path}[${i}].vmId: must be a VM id`);
    else if (seen.has(id)) out.push(`${path}[${i}].vmId: "${id}" is listed twice`);
    else seen.add(id);
    const d = e['delaySec'];
    if (!(typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= 3600))
      out.push(`${path}[${i}].delaySec: must be a whole number of seconds from 0 to 3600`);
  });
  return out;
}

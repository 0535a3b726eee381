/** Checks of resource pools in scenario files and snapshots: every problem names its field. */
import type { Scenario } from '../model/scenario';
import { allocSpecProblems, POOL_LIMITS, startOrderProblems } from './alloc';

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const text = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** Field and reference problems of `resourcePools` and of the VMs' `poolId` (run after the other checks). */
export function scenarioPoolProblems(s: Scenario): string[] {
  const raw = (s as { resourcePools?: unknown }).resourcePools;
  const vmsWithPool = s.vms.filter((v) => v.poolId !== undefined);
  if (raw === undefined && vmsWithPool.length === 0) return [];
  const out: string[] = [];
  const pools = raw ?? [];
  if (!Array.isArray(pools)) return ['resourcePools: must be a list'];
  if (pools.length > POOL_LIMITS.total)
    return [`resourcePools: must have at most ${POOL_LIMITS.total} entries, got ${pools.length}`];
  const otherIds = new Set<string>(
    [
      ...s.datacenters,
      ...s.clusters,
      ...s.hosts,
      ...s.datastores,
      ...s.networks,
      ...s.vms,
      ...s.containers,
      ...s.services,
      ...s.traces,
    ].map((o) => o.id),
  );
  const clusters = new Set(s.clusters.map((c) => c.id));
  const hostCluster = new Map(s.hosts.map((h) => [h.id, h.clusterId]));
  const seen = new Map<string, { clusterId: string; depth: number }>();
  const perCluster = new Map<string, number>();
  pools.forEach((p: unknown, i) => {
    const at = `resourcePools[${i}]`;
    if (!isObj(p)) {
      out.push(`${at}: must be an object`);
      return;
    }
    const id = p['id'];
    if (!text(id)) {
      out.push(`${at}.id: must be a text of 1 to 200 characters`);
      return;
    }
    if (otherIds.has(id) || seen.has(id)) out.push(`${at}.id: duplicate id "${id}"`);
    if (!text(p['name'])) out.push(`${at}.name: must be a text of 1 to 200 characters`);
    const cl = p['clusterId'];
    if (!text(cl) || !clusters.has(cl)) {
      out.push(`${at}.clusterId: unknown cluster ${JSON.stringify(cl)}`);
      return;
    }
    let depth = 1;
    const parent = p['parentId'];
    if (parent !== undefined) {
      const pp = typeof parent === 'string' ? seen.get(parent) : undefined;
      if (!pp)
        out.push(
          `${at}.parentId: ${JSON.stringify(parent)} is not a pool listed before this one (parents come first)`,
        );
      else if (pp.clusterId !== cl)
        out.push(`${at}.parentId: pool "${String(parent)}" is in another cluster (${pp.clusterId})`);
      else depth = pp.depth + 1;
    }
    if (depth > POOL_LIMITS.depth) out.push(`${at}.parentId: pools nest at most ${POOL_LIMITS.depth} deep`);
    const n = (perCluster.get(cl) ?? 0) + 1;
    perCluster.set(cl, n);
    if (n === POOL_LIMITS.perCluster + 1)
      out.push(`${at}.clusterId: a cluster holds at most ${POOL_LIMITS.perCluster} pools`);
    out.push(
      ...allocSpecProblems(`${at}.cpu`, p['cpu'], 'cpu'),
      ...allocSpecProblems(`${at}.mem`, p['mem'], 'mem'),
    );
    const vapp = p['vapp'];
    if (vapp !== undefined) {
      if (!isObj(vapp)) out.push(`${at}.vapp: must be an object`);
      else {
        const order = vapp['startOrder'];
        const probs = startOrderProblems(`${at}.vapp.startOrder`, order);
        out.push(...probs);
        if (probs.length === 0)
          (order as { vmId: string }[]).forEach((e, j) => {
            const vm = s.vms.find((v) => v.id === e.vmId);
            if (!vm) out.push(`${at}.vapp.startOrder[${j}].vmId: unknown VM "${e.vmId}"`);
            else if (vm.poolId !== id)
              out.push(`${at}.vapp.startOrder[${j}].vmId: VM "${e.vmId}" is not in this vApp (its poolId)`);
          });
      }
    }
    seen.set(id, { clusterId: cl, depth });
  });
  s.vms.forEach((v, i) => {
    if (v.poolId === undefined) return;
    const p = seen.get(v.poolId);
    if (!p) out.push(`vms[${i}].poolId: unknown resource pool "${v.poolId}"`);
    else if (hostCluster.get(v.hostId) !== p.clusterId)
      out.push(
        `vms[${i}].poolId: pool "${v.poolId}" is in cluster ${p.clusterId}, not the VM's host's cluster`,
      );
  });
  return out;
}

/** Shape problems of a snapshot's `pools` list (absent = none). */
export function snapshotPoolProblems(raw: unknown): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return ['pools: must be a list'];
  const out: string[] = [];
  raw.forEach((p: unknown, i) => {
    const at = `pools[${i}]`;
    if (!isObj(p)) {
      out.push(`${at}: must be an object`);
      return;
    }
    if (!text(p['id'])) out.push(`${at}.id: must be a text`);
    if (!text(p['clusterId'])) out.push(`${at}.clusterId: must be a text`);
    if (p['parentId'] !== null && !text(p['parentId'])) out.push(`${at}.parentId: must be a text or null`);
    for (const r of ['cpu', 'mem'] as const) {
      const a = p[r];
      if (!isObj(a)) {
        out.push(`${at}.${r}: must be an object`);
        continue;
      }
      for (const k of ['shares', 'reservation'])
        if (typeof a[k] !== 'number' || !Number.isFinite(a[k]) || (a[k] as number) < 0)
          out.push(`${at}.${r}.${k}: must be a finite number ≥ 0`);
      if (a['limit'] !== null && (typeof a['limit'] !== 'number' || !Number.isFinite(a['limit'])))
        out.push(`${at}.${r}.limit: must be a number or null`);
      if (typeof a['expandable'] !== 'boolean') out.push(`${at}.${r}.expandable: must be true or false`);
    }
  });
  return out.slice(0, 50);
}

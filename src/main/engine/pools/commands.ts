/** Commands on resource pools and vApps. Each validates fully (naming the field) before changing anything. */
import { engineError, err, ok, type CommandReceipt, type Result } from '../api';
import { vmPower } from '../commands/vm-ops';
import { invalid, nameOk, notFound } from '../commands/validate';
import { msg } from '../messages';
import type { Command } from '../model/commands';
import type { World } from '../world/world';
import { allocSpecProblems, patchAlloc, poolAlloc, POOL_LIMITS, startOrderProblems } from './alloc';
import {
  admitReservation,
  heldFromParent,
  holdsReservation,
  reservationTree,
  vmReservation,
  type Amount,
} from './admission';
import { effectivePool } from './divide';
import { poolRecord } from './records';
import { setVmOptional } from '../world/records';
import type { PoolAlloc, PoolRec } from './types';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

function depthOf(w: World, p: PoolRec): number {
  let d = 1;
  for (let q = p.parentId === null ? undefined : w.poolById.get(p.parentId); q;) {
    d++;
    q = q.parentId === null ? undefined : w.poolById.get(q.parentId);
  }
  return d;
}

function getPool(w: World, id: string): Result<PoolRec> {
  const p = w.poolById.get(id);
  return p ? ok(p) : err(notFound('resource pool', id));
}

/** VMs directly in a pool (in world order). */
export function vmsInPool(w: World, p: PoolRec) {
  return w.vms.filter((vm) => effectivePool(w, vm) === p);
}

/**
 * The change of what the pool holds from its parent when its allocation becomes `next`, checked against
 * the parent (borrowing up the tree where expandable), and the pool's own children against `next`.
 */
function allocationReasons(
  w: World,
  p: PoolRec | null,
  clusterId: string,
  parentId: string | null,
  next: { cpu: PoolAlloc; mem: PoolAlloc },
): string[] {
  const t = reservationTree(w, clusterId);
  const used = p ? t.used.get(p.id) : undefined;
  const reasons: string[] = [];
  for (const r of ['cpu', 'mem'] as const) {
    const u = used?.[r] ?? 0;
    const unit = r === 'cpu' ? 'MHz' : 'MiB';
    if (!next[r].expandable && u > next[r].reservation + 1e-6)
      reasons.push(
        `${r}.reservation: its VMs and pools already reserve ${Math.ceil(u)} ${unit}, more than ${next[r].reservation} ${unit}; raise it or keep it expandable`,
      );
    if (next[r].limit !== null && next[r].limit! < u - 1e-6)
      reasons.push(
        `${r}.limit: its VMs and pools already reserve ${Math.ceil(u)} ${unit}, more than the limit`,
      );
  }
  const before: Amount = p ? heldFromParent(p, used) : { cpu: 0, mem: 0 };
  const after: Amount = {
    cpu: Math.max(next.cpu.reservation, used?.cpu ?? 0),
    mem: Math.max(next.mem.reservation, used?.mem ?? 0),
  };
  const need: Amount = { cpu: Math.max(0, after.cpu - before.cpu), mem: Math.max(0, after.mem - before.mem) };
  reasons.push(...admitReservation(w, t, parentId, need));
  // A parent's limit bounds what its children may reserve.
  for (
    let q = parentId === null ? undefined : w.poolById.get(parentId);
    q;
    q = q.parentId === null ? undefined : w.poolById.get(q.parentId)
  ) {
    for (const r of ['cpu', 'mem'] as const) {
      const lim = q[r].limit;
      if (lim !== null && next[r].reservation > lim)
        reasons.push(`${r}.reservation: ${next[r].reservation} exceeds the limit of ${q.name} (${lim})`);
    }
  }
  return reasons;
}

export function poolCreate(w: World, cmd: Cmd<'pool.create'>): Result<CommandReceipt> {
  const cl = w.clusterById.get(cmd.clusterId);
  if (!cl) return err(notFound('cluster', cmd.clusterId));
  const problems: string[] = [];
  const n = nameOk('name', cmd.name);
  if (n) problems.push(n);
  problems.push(...allocSpecProblems('cpu', cmd.cpu, 'cpu'), ...allocSpecProblems('mem', cmd.mem, 'mem'));
  let parent: PoolRec | null = null;
  if (cmd.parentId !== undefined && cmd.parentId !== cl.id) {
    parent = w.poolById.get(cmd.parentId) ?? null;
    if (!parent) return err(notFound('resource pool', cmd.parentId));
    if (parent.clusterId !== cl.id)
      problems.push(`parentId: pool ${parent.name} is in another cluster (${parent.clusterId})`);
    else if (depthOf(w, parent) >= POOL_LIMITS.depth)
      problems.push(`parentId: pools nest at most ${POOL_LIMITS.depth} deep`);
  }
  if (w.pools.length >= POOL_LIMITS.total)
    problems.push(`the simulation already holds ${POOL_LIMITS.total} pools`);
  else if (w.pools.filter((p) => p.clusterId === cl.id).length >= POOL_LIMITS.perCluster)
    problems.push(`clusterId: ${cl.name} already holds ${POOL_LIMITS.perCluster} pools`);
  if (problems.length > 0) return err(invalid(problems, `Cannot create resource pool "${String(cmd.name)}"`));
  const next = { cpu: poolAlloc(cmd.cpu, 'cpu'), mem: poolAlloc(cmd.mem, 'mem') };
  const reasons = allocationReasons(w, null, cl.id, parent?.id ?? null, next);
  if (reasons.length > 0)
    return err(
      engineError('INSUFFICIENT_CAPACITY', `Cannot create resource pool ${cmd.name}: ${reasons.join('; ')}`, {
        reasons,
      }),
    );
  const id = w.newId('pool');
  const rec = poolRecord(
    {
      id,
      name: cmd.name,
      clusterId: cl.id,
      ...(parent ? { parentId: parent.id } : {}),
      ...(cmd.vapp ? { vapp: { startOrder: [] } } : {}),
    },
    w.timeSec,
  );
  rec.cpu = next.cpu;
  rec.mem = next.mem;
  w.pools.push(rec);
  w.reindex();
  w.event(
    'info',
    cmd.vapp ? 'vapp.created' : 'pool.created',
    msg(cmd.vapp ? 'ev.vappCreated' : 'ev.poolCreated', { pool: rec.name, cluster: cl.name }),
    [rec.id, cl.id],
  );
  return ok({ createdId: id });
}

export function poolConfigure(w: World, cmd: Cmd<'pool.configure'>): Result<CommandReceipt> {
  const r = getPool(w, cmd.poolId);
  if (!r.ok) return r;
  const p = r.value;
  const problems: string[] = [];
  if (cmd.name !== undefined) {
    const n = nameOk('name', cmd.name);
    if (n) problems.push(n);
  }
  problems.push(...allocSpecProblems('cpu', cmd.cpu, 'cpu'), ...allocSpecProblems('mem', cmd.mem, 'mem'));
  if (cmd.startOrder !== undefined) {
    if (!p.vapp) problems.push(`startOrder: ${p.name} is a resource pool, not a vApp`);
    else {
      const sp = startOrderProblems('startOrder', cmd.startOrder);
      problems.push(...sp);
      if (sp.length === 0)
        cmd.startOrder.forEach((e, i) => {
          const vm = w.vmById.get(e.vmId);
          if (!vm) problems.push(`startOrder[${i}].vmId: no VM with id "${e.vmId}" exists`);
          else if (effectivePool(w, vm) !== p)
            problems.push(`startOrder[${i}].vmId: ${vm.name} is not in ${p.name}`);
        });
    }
  }
  if (
    cmd.name === undefined &&
    cmd.cpu === undefined &&
    cmd.mem === undefined &&
    cmd.startOrder === undefined
  )
    problems.push('give name, cpu, mem or startOrder');
  if (problems.length > 0) return err(invalid(problems, `Cannot configure ${p.name}`));
  const next = { cpu: patchAlloc(p.cpu, cmd.cpu, 'cpu'), mem: patchAlloc(p.mem, cmd.mem, 'mem') };
  for (const k of ['cpu', 'mem'] as const)
    if (next[k].limit !== null && next[k].reservation > next[k].limit!)
      problems.push(`${k}.reservation: ${next[k].reservation} exceeds the limit of ${next[k].limit}`);
  if (problems.length > 0) return err(invalid(problems, `Cannot configure ${p.name}`));
  if (cmd.cpu !== undefined || cmd.mem !== undefined) {
    const reasons = allocationReasons(w, p, p.clusterId, p.parentId, next);
    if (reasons.length > 0)
      return err(
        engineError('INSUFFICIENT_CAPACITY', `Cannot change ${p.name}: ${reasons.join('; ')}`, { reasons }),
      );
  }
  if (cmd.name !== undefined) p.name = cmd.name;
  p.cpu = next.cpu;
  p.mem = next.mem;
  if (cmd.startOrder !== undefined && p.vapp)
    p.vapp.startOrder = cmd.startOrder.map((e) => ({ vmId: e.vmId, delaySec: e.delaySec }));
  w.event('info', 'pool.reconfigured', msg('ev.poolChanged', { pool: p.name }), [p.id]);
  return ok({});
}

export function poolDelete(w: World, cmd: Cmd<'pool.delete'>): Result<CommandReceipt> {
  const r = getPool(w, cmd.poolId);
  if (!r.ok) return r;
  const p = r.value;
  const parent = p.parentId === null ? null : (w.poolById.get(p.parentId) ?? null);
  const cl = w.clusterById.get(p.clusterId);
  // No admission needed: the parent held max(reservation, used) for the pool and now holds its children's
  // `used` directly, which is never more.
  for (const vm of w.vms) {
    if (vm.poolId !== p.id) continue;
    setVmOptional(vm, 'poolId', parent ? parent.id : undefined);
  }
  for (const q of w.pools) if (q.parentId === p.id) q.parentId = p.parentId;
  w.pools = w.pools.filter((q) => q !== p);
  w.reindex();
  w.event(
    'info',
    'pool.deleted',
    msg('ev.poolDeleted', { pool: p.name, parent: parent?.name ?? cl?.name ?? p.clusterId }),
    [p.id, parent?.id ?? p.clusterId],
  );
  return ok({});
}

export function poolMoveVm(w: World, cmd: Cmd<'pool.moveVm'>): Result<CommandReceipt> {
  const vm = w.vmById.get(cmd.vmId);
  if (!vm) return err(notFound('VM', cmd.vmId));
  const host = w.hostById.get(vm.hostId);
  if (!host) return err(engineError('INVALID_STATE', `${vm.name} is on no known host.`));
  const toRoot = cmd.poolId === host.clusterId;
  const target = toRoot ? null : (w.poolById.get(cmd.poolId) ?? null);
  if (!toRoot && !target) return err(notFound('resource pool', cmd.poolId));
  if (target && target.clusterId !== host.clusterId)
    return err(
      invalid(
        [`poolId: ${target.name} is in cluster ${target.clusterId}; ${vm.name} runs in ${host.clusterId}`],
        `Cannot move ${vm.name}`,
      ),
    );
  const current = effectivePool(w, vm);
  if (current === target)
    return err(
      engineError('INVALID_STATE', `${vm.name} is already in ${target?.name ?? 'the cluster root'}.`),
    );
  if (holdsReservation(w, vm)) {
    const t = reservationTree(w, host.clusterId, vm.id);
    const reasons = admitReservation(w, t, target?.id ?? null, vmReservation(vm));
    if (reasons.length > 0)
      return err(
        engineError('INSUFFICIENT_CAPACITY', `Cannot move ${vm.name}: ${reasons.join('; ')}`, { reasons }),
      );
  }
  if (current?.vapp) current.vapp.startOrder = current.vapp.startOrder.filter((e) => e.vmId !== vm.id);
  setVmOptional(vm, 'poolId', target ? target.id : undefined);
  w.version++;
  const where = target?.name ?? w.clusterById.get(host.clusterId)?.name ?? host.clusterId;
  w.event('info', 'vm.movedToPool', msg('ev.vmMovedToPool', { vm: vm.name, pool: where }), [
    vm.id,
    target?.id ?? host.clusterId,
  ]);
  return ok({});
}

/** The vApp's VMs in start order: the listed ones first, then the others in creation order. */
export function vappOrder(w: World, p: PoolRec): { vmId: string; delaySec: number }[] {
  const members = vmsInPool(w, p);
  const ids = new Set(members.map((v) => v.id));
  const listed = (p.vapp?.startOrder ?? []).filter((e) => ids.has(e.vmId));
  const seen = new Set(listed.map((e) => e.vmId));
  return [...listed, ...members.filter((v) => !seen.has(v.id)).map((v) => ({ vmId: v.id, delaySec: 0 }))];
}

export function poolPower(w: World, cmd: Cmd<'pool.power'>): Result<CommandReceipt> {
  const r = getPool(w, cmd.poolId);
  if (!r.ok) return r;
  const p = r.value;
  if (!p.vapp)
    return err(invalid([`poolId: ${p.name} is a resource pool, not a vApp`], `Cannot power ${p.name}`));
  const order = vappOrder(w, p);
  if (cmd.action === 'on') {
    if (p.vapp.next >= 0) return err(engineError('CONFLICT', `${p.name} is already powering on.`));
    const off = order.filter((e) => w.vmById.get(e.vmId)?.power !== 'poweredOn');
    if (off.length === 0)
      return err(engineError('INVALID_STATE', `Every VM of ${p.name} is already powered on.`));
    p.vapp.startOrder = order;
    p.vapp.next = 0;
    p.vapp.nextAt = w.timeSec;
    w.event('info', 'vapp.powerOn', msg('ev.vappPowerOn', { pool: p.name, count: off.length }), [p.id]);
    vappStep(w, p);
    return ok({});
  }
  p.vapp.next = -1;
  const on = order.filter((e) => w.vmById.get(e.vmId)?.power === 'poweredOn').reverse();
  if (on.length === 0) return err(engineError('INVALID_STATE', `No VM of ${p.name} is powered on.`));
  // Check first, so a refused VM refuses the whole command and nothing changes.
  for (const e of on) {
    const vm = w.vmById.get(e.vmId)!;
    if (vm.busyTaskId !== null)
      return err(
        engineError('CONFLICT', `Cannot power off ${p.name}: ${vm.name} is busy (task ${vm.busyTaskId}).`),
      );
  }
  for (const e of on) vmPower(w, { type: 'vm.power', vmId: e.vmId, action: 'off' });
  w.event('info', 'vapp.powerOff', msg('ev.vappPowerOff', { pool: p.name, count: on.length }), [p.id]);
  return ok({});
}

/** Powers on the vApp's VMs that are due (the next one after the previous one's delay). */
function vappStep(w: World, p: PoolRec): void {
  const v = p.vapp;
  if (!v) return;
  while (v.next >= 0 && v.next < v.startOrder.length && w.timeSec >= v.nextAt) {
    const e = v.startOrder[v.next]!;
    const vm = w.vmById.get(e.vmId);
    v.next++;
    if (vm && vm.power !== 'poweredOn' && effectivePool(w, vm) === p) {
      const res = vmPower(w, { type: 'vm.power', vmId: vm.id, action: 'on' });
      if (!res.ok)
        w.event(
          'warning',
          'vapp.vmSkipped',
          msg('ev.vappVmSkipped', { pool: p.name, vm: vm.name, reason: res.error.message }),
          [p.id, vm.id],
        );
      v.nextAt = w.timeSec + e.delaySec;
    }
  }
  if (v.next >= v.startOrder.length) {
    v.next = -1;
    w.event('info', 'vapp.started', msg('ev.vappStarted', { pool: p.name }), [p.id]);
  }
}

/** Each tick, before tasks start: vApps powering on in order. */
export function vappTick(w: World): void {
  for (const p of w.pools) if (p.vapp && p.vapp.next >= 0) vappStep(w, p);
}

/** The pool and its descendants, in w.pools order. */
function subtreeOf(w: World, p: PoolRec): PoolRec[] {
  const ids = new Set([p.id]);
  const out: PoolRec[] = [];
  // Parents come before children in w.pools: one pass finds every descendant.
  for (const q of w.pools)
    if (q === p || (q.parentId !== null && ids.has(q.parentId))) {
      ids.add(q.id);
      out.push(q);
    }
  return out;
}

/** Levels of a subtree: 1 for a pool without child pools. */
function heightOf(w: World, sub: PoolRec[]): number {
  const depth = new Map<string, number>();
  let max = 0;
  for (const q of sub) {
    const d = (q.parentId !== null ? (depth.get(q.parentId) ?? 0) : 0) + 1;
    depth.set(q.id, d);
    max = Math.max(max, d);
  }
  return max;
}

/**
 * Moves a pool, with its VMs and child pools, under another pool of its cluster or to the root
 * [RM, "Move a Resource Pool"]: refused into itself or one of its descendants, into another cluster,
 * past the nesting depth, or when the new parent cannot admit what the pool reserves (its reservation, or
 * what its children reserve when more: borrowing up the new chain where expandable) or its limit is below
 * the pool's reservation. What the pool held from its old parent is given back first.
 */
export function poolMove(w: World, cmd: Cmd<'pool.move'>): Result<CommandReceipt> {
  const r = getPool(w, cmd.poolId);
  if (!r.ok) return r;
  const p = r.value;
  const cl = w.clusterById.get(p.clusterId);
  const toRoot = cmd.parentId === p.clusterId;
  const target = toRoot ? null : (w.poolById.get(cmd.parentId) ?? null);
  if (!toRoot && !target) {
    if (w.clusterById.has(cmd.parentId))
      return err(
        invalid(
          [`parentId: ${p.name} is in cluster ${cl?.name ?? p.clusterId}; pools move within their cluster`],
          `Cannot move ${p.name}`,
        ),
      );
    return err(notFound('resource pool', cmd.parentId));
  }
  const why = `Cannot move ${p.name}`;
  if (target && target.clusterId !== p.clusterId)
    return err(
      invalid(
        [`parentId: ${target.name} is in cluster ${target.clusterId}; ${p.name} is in ${p.clusterId}`],
        why,
      ),
    );
  const sub = subtreeOf(w, p);
  if (target && sub.includes(target))
    return err(
      invalid(
        [
          target === p
            ? `parentId: a pool cannot be its own parent`
            : `parentId: ${target.name} is inside ${p.name}; a pool cannot move into its own subtree`,
        ],
        why,
      ),
    );
  if ((target?.id ?? null) === p.parentId)
    return err(
      engineError('INVALID_STATE', `${p.name} is already in ${target?.name ?? cl?.name ?? p.clusterId}.`),
    );
  if ((target ? depthOf(w, target) : 0) + heightOf(w, sub) > POOL_LIMITS.depth)
    return err(invalid([`parentId: pools nest at most ${POOL_LIMITS.depth} deep`], why));
  const t = reservationTree(w, p.clusterId, undefined, p.id);
  const need = heldFromParent(p, t.used.get(p.id));
  const reasons = admitReservation(w, t, target?.id ?? null, need);
  for (let q = target; q; q = q.parentId === null ? null : (w.poolById.get(q.parentId) ?? null))
    for (const k of ['cpu', 'mem'] as const) {
      const lim = q[k].limit;
      if (lim !== null && p[k].reservation > lim)
        reasons.push(`${k}.reservation: ${p[k].reservation} exceeds the limit of ${q.name} (${lim})`);
    }
  if (reasons.length > 0)
    return err(engineError('INSUFFICIENT_CAPACITY', `${why}: ${reasons.join('; ')}`, { reasons }));
  p.parentId = target?.id ?? null;
  // Keep parents before children (the division and the reservation sums rely on it): a pool moving under a
  // pool listed after it goes, with its subtree in order, to the end of the list.
  if (target && w.pools.indexOf(target) > w.pools.indexOf(p)) {
    const moving = new Set(sub);
    w.pools = [...w.pools.filter((q) => !moving.has(q)), ...sub];
  }
  w.reindex();
  w.event(
    'info',
    'pool.moved',
    msg('ev.poolMoved', { pool: p.name, parent: target?.name ?? cl?.name ?? p.clusterId }),
    [p.id, target?.id ?? p.clusterId],
  );
  return ok({});
}

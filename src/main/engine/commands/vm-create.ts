/** vm.create and vm.clone. */
import { engineError, err, ok, type Result, type CommandReceipt } from '../api';
import type { Command, NewVmSpec } from '../model/commands';
import { createVmRecord, queueVmProvision } from '../ops/create';
import { deleteAllMergeGiB } from '../ops/snapshots';
import { freshBook, place } from '../ops/requests';
import { haAdmissionReasons } from '../scheduling';
import { commaList, msg, msgList, msgText, sameMsgs } from '../messages';
import { placementChoiceError, requiresPlacementChoice } from '../scheduling/manual-placement';
import { vmDemand, type GuestDemand } from '../world/admission';
import type { HostRec } from '../world/types';
import type { World } from '../world/world';
import { HA_RESTART_PRIORITIES } from '../model/scenario';
import { newVmPoolAdmission } from '../pools/admission';
import { effectivePool } from '../pools/divide';
import type { PoolRec } from '../pools/types';
import { setVmOptional } from '../world/records';
import {
  cpuAllocProblems,
  intIn,
  invalid,
  LIMITS,
  memAllocProblems,
  nameOk,
  notFound,
  workloadProblems,
} from './validate';

type CreateCmd = Extract<Command, { type: 'vm.create' }>;
type CloneCmd = Extract<Command, { type: 'vm.clone' }>;

export function vmSpecProblems(w: World, spec: NewVmSpec): string[] {
  if (!spec || typeof spec !== 'object') return ['spec is required'];
  const p: (string | null)[] = [
    nameOk('name', spec.name),
    intIn('vcpus', spec.vcpus, 1, LIMITS.vcpus),
    intIn('memMiB', spec.memMiB, 4, LIMITS.memMiB),
  ];
  if (!Array.isArray(spec.disks) || spec.disks.length > LIMITS.disks)
    p.push(`disks must be a list of at most ${LIMITS.disks}`);
  else spec.disks.forEach((d, i) => p.push(intIn(`disk ${i} sizeGiB`, d.sizeGiB, 1, LIMITS.diskGiB)));
  const out = p.filter((x): x is string => x !== null);
  if (spec.haRestartPriority !== undefined && !HA_RESTART_PRIORITIES.includes(spec.haRestartPriority))
    out.push(`haRestartPriority must be one of ${HA_RESTART_PRIORITIES.join(', ')}`);
  out.push(
    ...cpuAllocProblems(spec.cpu),
    ...memAllocProblems(spec.mem, typeof spec.memMiB === 'number' ? spec.memMiB : 0),
    ...workloadProblems(w, spec.workload),
  );
  if (spec.networkId !== undefined && !w.networkById.has(spec.networkId))
    out.push(`network "${spec.networkId}" does not exist`);
  return out;
}

function demandOf(spec: NewVmSpec): GuestDemand {
  return {
    vcpus: spec.vcpus,
    memMiB: spec.memMiB,
    cpuReservationMHz: spec.cpu?.reservationMHz ?? 0,
    memReservationMiB: spec.mem?.reservationMiB ?? 0,
    requestMilli: 0,
    isContainer: false,
  };
}

/** Datastore per disk: the requested one, else the reachable datastore with the most free space. */
function pickDatastores(w: World, host: HostRec, spec: NewVmSpec): Result<string[]> {
  const ids: string[] = [];
  const need = new Map<string, number>();
  for (const d of spec.disks) {
    let dsId = d.datastoreId;
    if (dsId !== undefined) {
      const ds = w.datastoreById.get(dsId);
      if (!ds) return err(notFound('datastore', dsId));
      if (!w.hostCanReach(host, ds))
        return err(engineError('INVALID_ARGUMENT', msg('refuse.hostNoDs', { host: host.name, ds: ds.name })));
    } else {
      let best: { id: string; free: number } | null = null;
      for (const ds of w.datastores) {
        if (!w.hostCanReach(host, ds)) continue;
        const free = ds.capacityGiB - ds.usedGiB - (need.get(ds.id) ?? 0);
        if (!best || free > best.free) best = { id: ds.id, free };
      }
      if (!best)
        return err(engineError('INSUFFICIENT_CAPACITY', msg('refuse.noDsForDisks', { host: host.name })));
      dsId = best.id;
    }
    need.set(dsId, (need.get(dsId) ?? 0) + (d.thin ? Math.min(2, d.sizeGiB) : d.sizeGiB));
    ids.push(dsId);
  }
  for (const [dsId, gib] of need) {
    const ds = w.datastoreById.get(dsId)!;
    if (ds.capacityGiB - ds.usedGiB < gib)
      return err(
        engineError(
          'INSUFFICIENT_CAPACITY',
          msg('refuse.dsFreeNewDisks', {
            ds: ds.name,
            free: Math.floor(ds.capacityGiB - ds.usedGiB),
            need: Math.ceil(gib),
          }),
          { datastoreId: dsId },
        ),
      );
  }
  return ok(ids);
}

/**
 * The host of a new VM: the explicit one (checked), else the cluster's placement policy — except in a
 * manual-DRS cluster, where the user chooses: PLACEMENT_CHOICE_REQUIRED with the ranked recommendations.
 */
function chooseHost(
  w: World,
  cmd: { hostId?: string; clusterId?: string },
  demand: GuestDemand,
  datastoreIds: string[],
  networkId: string | null,
  powerOn: boolean,
  what: string,
): Result<HostRec> {
  const book = freshBook(w);
  if (cmd.hostId !== undefined) {
    const host = w.hostById.get(cmd.hostId);
    if (!host) return err(notFound('host', cmd.hostId));
    if (host.state !== 'connected')
      return err(
        engineError(
          'INVALID_STATE',
          msg('refuse.createHostState', { host: host.name, state: msg(`hostState.${host.state}`) }),
        ),
      );
    const reasons = powerOn
      ? [...book.admit(host, demand), ...haAdmissionReasons(w, book, host, demand)]
      : book.admit(host, { ...demand, cpuReservationMHz: 0, memReservationMiB: 0 });
    if (reasons.length > 0)
      return err(
        engineError(
          'INSUFFICIENT_CAPACITY',
          msg('refuse.cannotAdmit', { host: host.name, reasons: msgList(reasons) }),
          {
            reasons: reasons.map(msgText),
          },
        ),
      );
    return ok(host);
  }
  let clusterId = cmd.clusterId;
  if (clusterId === undefined) {
    if (w.clusters.length !== 1)
      return err(
        engineError('INVALID_ARGUMENT', 'give a clusterId or a hostId: the inventory has several clusters'),
      );
    clusterId = w.clusters[0]!.id;
  }
  if (!w.clusterById.has(clusterId)) return err(notFound('cluster', clusterId));
  const d = place(w, book, {
    guest: powerOn ? demand : { ...demand, cpuReservationMHz: 0, memReservationMiB: 0 },
    cpuDemandMHz: 0,
    guestId: null,
    datastoreIds,
    networkId,
    clusterId,
    excludeHostIds: [],
    antiAffinityServiceId: null,
    reason: 'initial',
    powerOn,
  });
  const host = d.hostId !== null ? w.hostById.get(d.hostId) : undefined;
  if (!host) {
    const reasons = d.verdicts.map((v) =>
      msg('refuse.verdict', { host: v.hostName, reasons: commaList(sameMsgs(v.reasons, v.reasonMsgs)) }),
    );
    return err(
      engineError(
        'INSUFFICIENT_CAPACITY',
        reasons.length
          ? msg('refuse.noHostAdmitsWhy', { reasons: msgList(reasons.slice(0, 4)) })
          : msg('refuse.noHostAdmits'),
        { verdicts: d.verdicts },
      ),
    );
  }
  if (requiresPlacementChoice(w, clusterId)) return err(placementChoiceError(w, clusterId, d, what));
  return ok(host);
}

/** The pool named by a create/clone `poolId` (a pool, or a cluster's id for its root) and its cluster. */
function poolTarget(w: World, poolId: string): Result<{ clusterId: string; pool: PoolRec | null }> {
  if (w.clusterById.has(poolId)) return ok({ clusterId: poolId, pool: null });
  const p = w.poolById.get(poolId);
  return p ? ok({ clusterId: p.clusterId, pool: p }) : err(notFound('resource pool', poolId));
}

/**
 * The pool of a new VM on `host` (`poolId` checked to be in the host's cluster), and its pool admission
 * when it powers on at once: the reservations of a power-on, in its pool (pools/admission.ts).
 */
function newVmPool(
  w: World,
  host: HostRec,
  poolId: string | undefined,
  fallback: PoolRec | null,
  powerOn: boolean,
  vm: { vcpus: number; memMiB: number; cpuResMHz: number; memResMiB: number },
  what: string,
): Result<PoolRec | null> {
  let pool = fallback && fallback.clusterId === host.clusterId ? fallback : null;
  if (poolId !== undefined) {
    const t = poolTarget(w, poolId);
    if (!t.ok) return t;
    if (t.value.clusterId !== host.clusterId)
      return err(
        invalid(
          [
            `poolId: ${t.value.pool?.name ?? poolId} is in cluster ${t.value.clusterId}; ${host.name} is in ${host.clusterId}`,
          ],
          `Cannot create ${what}`,
        ),
      );
    pool = t.value.pool;
  }
  if (powerOn) {
    const reasons = newVmPoolAdmission(w, host.clusterId, pool?.id ?? null, vm);
    if (reasons.length > 0)
      return err(
        engineError('INSUFFICIENT_CAPACITY', `Cannot power on ${what}: ${reasons.join('; ')}`, { reasons }),
      );
  }
  return ok(pool);
}

export function vmCreate(w: World, cmd: CreateCmd): Result<CommandReceipt> {
  const problems = vmSpecProblems(w, cmd.spec);
  if (problems.length > 0) return err(invalid(problems, 'The VM definition is invalid'));
  // A pool names its cluster: placement chooses among that cluster's hosts.
  let clusterId = cmd.clusterId;
  if (cmd.poolId !== undefined) {
    const t = poolTarget(w, cmd.poolId);
    if (!t.ok) return t;
    if (clusterId !== undefined && clusterId !== t.value.clusterId)
      return err(
        invalid([`poolId: ${cmd.poolId} is not in cluster ${clusterId}`], 'The VM definition is invalid'),
      );
    if (cmd.hostId === undefined) clusterId = t.value.clusterId;
  }
  const powerOn = cmd.powerOn ?? true;
  const demand = demandOf(cmd.spec);
  const wanted = cmd.spec.disks.map((d) => d.datastoreId).filter((x): x is string => x !== undefined);
  for (const id of wanted) if (!w.datastoreById.has(id)) return err(notFound('datastore', id));
  const host = chooseHost(
    w,
    {
      ...(cmd.hostId !== undefined ? { hostId: cmd.hostId } : {}),
      ...(clusterId !== undefined ? { clusterId } : {}),
    },
    demand,
    wanted,
    cmd.spec.networkId ?? null,
    powerOn,
    `VM "${cmd.spec.name}"`,
  );
  if (!host.ok) return host;
  if (cmd.spec.vcpus > host.value.sockets * host.value.coresPerSocket)
    return err(
      engineError(
        'INSUFFICIENT_CAPACITY',
        msg('refuse.vcpusExceedCores', { vcpus: cmd.spec.vcpus, host: host.value.name }),
      ),
    );
  const ds = pickDatastores(w, host.value, cmd.spec);
  if (!ds.ok) return ds;
  const pool = newVmPool(
    w,
    host.value,
    cmd.poolId,
    null,
    powerOn,
    {
      vcpus: cmd.spec.vcpus,
      memMiB: cmd.spec.memMiB,
      cpuResMHz: demand.cpuReservationMHz,
      memResMiB: demand.memReservationMiB,
    },
    `VM "${cmd.spec.name}"`,
  );
  if (!pool.ok) return pool;
  const vm = createVmRecord(w, cmd.spec, host.value.id, ds.value, null);
  if (pool.value) setVmOptional(vm, 'poolId', pool.value.id);
  const t = queueVmProvision(w, vm, powerOn, 'create');
  return ok({ taskId: t.id, createdId: vm.id });
}

export function vmClone(w: World, cmd: CloneCmd): Result<CommandReceipt> {
  const src = w.vmById.get(cmd.vmId);
  if (!src) return err(notFound('VM', cmd.vmId));
  const p: (string | null)[] = [nameOk('name', cmd.name)];
  if (cmd.vcpus !== undefined) p.push(intIn('vcpus', cmd.vcpus, 1, LIMITS.vcpus));
  if (cmd.memMiB !== undefined) p.push(intIn('memMiB', cmd.memMiB, 4, LIMITS.memMiB));
  const problems = p.filter((x): x is string => x !== null);
  if (cmd.memMiB !== undefined && problems.length === 0 && cmd.memMiB < src.memResMiB)
    problems.push(`memMiB cannot go below the memory reservation of ${src.memResMiB} MiB`);
  if (problems.length > 0)
    return err(invalid(problems, src.template ? 'The deployment is invalid' : 'The clone is invalid'));
  if (cmd.hostId !== undefined && cmd.clusterId !== undefined)
    return err(engineError('INVALID_ARGUMENT', 'give a hostId or a clusterId, not both'));
  if (cmd.datastoreId !== undefined && !w.datastoreById.has(cmd.datastoreId))
    return err(notFound('datastore', cmd.datastoreId));
  const powerOn = cmd.powerOn ?? false;
  const dsIds = src.disks.map((d) => cmd.datastoreId ?? d.datastoreId);
  const vcpus = cmd.vcpus ?? src.vcpus;
  const memMiB = cmd.memMiB ?? src.memMiB;
  const demand = { ...vmDemand(src), vcpus, memMiB };
  // No hostId or clusterId: the clone stays on its source's host (an explicit host, so manual DRS does not apply),
  // unless its pool is in another cluster: then that cluster's placement chooses.
  let clusterId = cmd.clusterId;
  if (cmd.poolId !== undefined && clusterId === undefined && cmd.hostId === undefined) {
    const t = poolTarget(w, cmd.poolId);
    if (!t.ok) return t;
    if (t.value.clusterId !== w.hostById.get(src.hostId)?.clusterId) clusterId = t.value.clusterId;
  }
  const host = chooseHost(
    w,
    clusterId !== undefined ? { clusterId } : { hostId: cmd.hostId ?? src.hostId },
    demand,
    dsIds,
    src.networkId,
    powerOn,
    `clone "${cmd.name}"`,
  );
  if (!host.ok) return host;
  if (vcpus > host.value.sockets * host.value.coresPerSocket)
    return err(
      engineError('INSUFFICIENT_CAPACITY', msg('refuse.vcpusExceedCores', { vcpus, host: host.value.name })),
    );
  for (const id of dsIds) {
    const ds = w.datastoreById.get(id);
    if (!ds || !w.hostCanReach(host.value, ds))
      return err(
        engineError(
          'INVALID_ARGUMENT',
          msg('refuse.cloneDsUnreachable', { host: host.value.name, ds: ds?.name ?? id, vm: src.name }),
        ),
      );
  }
  // A clone copies the current state: base disks plus the current branch of any snapshots, consolidated.
  const used = src.disks.reduce((a, d) => a + (d.thin ? d.usedGiB : d.sizeGiB), 0);
  const copied = used + deleteAllMergeGiB(src);
  const ds0 = w.datastoreById.get(dsIds[0] ?? '');
  if (ds0 && ds0.capacityGiB - ds0.usedGiB < used)
    return err(
      engineError(
        'INSUFFICIENT_CAPACITY',
        msg('refuse.dsFreeClone', {
          ds: ds0.name,
          free: Math.floor(ds0.capacityGiB - ds0.usedGiB),
          need: Math.ceil(used),
        }),
      ),
    );
  // The clone's pool: the given one, else the source's when the clone stays in its cluster (as vSphere's
  // relocate spec without a pool), else the root.
  const pool = newVmPool(
    w,
    host.value,
    cmd.poolId,
    effectivePool(w, src),
    powerOn,
    { vcpus, memMiB, cpuResMHz: src.cpuResMHz, memResMiB: src.memResMiB },
    `clone "${cmd.name}"`,
  );
  if (!pool.ok) return pool;
  const spec: NewVmSpec = {
    name: cmd.name,
    vcpus,
    memMiB,
    disks: src.disks.map((d, i) => ({ sizeGiB: d.sizeGiB, thin: d.thin, datastoreId: dsIds[i]! })),
    ...(src.networkId !== null ? { networkId: src.networkId } : {}),
    cpu: {
      shares:
        src.cpuSharesLevel === 'custom' ? src.cpuShares : (src.cpuSharesLevel as 'low' | 'normal' | 'high'),
      reservationMHz: src.cpuResMHz,
      limitMHz: src.cpuLimitMHz,
    },
    mem: {
      shares:
        src.memSharesLevel === 'custom' ? src.memShares : (src.memSharesLevel as 'low' | 'normal' | 'high'),
      reservationMiB: src.memResMiB,
      limitMiB: src.memLimitMiB,
    },
    guestOS: src.guestOS,
    tags: [...src.tags],
    ...(src.haRestartPriority !== null ? { haRestartPriority: src.haRestartPriority } : {}),
    hotAddCpu: src.hotAddCpu,
    hotAddMem: src.hotAddMem,
    containerHost: src.containerHost,
    workload: src.workload,
  };
  const vm = createVmRecord(w, spec, host.value.id, dsIds, null);
  if (pool.value) setVmOptional(vm, 'poolId', pool.value.id);
  vm.disks.forEach((d, i) => {
    d.usedGiB = src.disks[i]?.usedGiB ?? d.usedGiB;
  });
  if (src.attributes) vm.attributes = src.attributes.map((a) => ({ ...a }));
  const t = queueVmProvision(w, vm, powerOn, src.template ? 'deploy' : 'clone', copied);
  return ok({ taskId: t.id, createdId: vm.id });
}

/** host.*, cluster.configure and task.cancel. */
import { engineError, err, ok, type CommandReceipt, type Result } from '../api';
import type { Command } from '../model/commands';
import { HA_RESTART_PRIORITIES, type ClusterSettingsPatch } from '../model/scenario';
import { failHost } from '../ops/ha';
import { endLiveMigration } from '../ops/live';
import { finishTask, isActive, newTask } from '../ops/tasks';
import { POLICIES } from '../scheduling';
import { hypervisorMemMiB, mergeClusterSettings } from '../world/defaults';
import { hostRecord } from '../world/records';
import { checkTopology, FieldChecker } from '../world/check-fields';
import type { World } from '../world/world';
import { intIn, invalid, nameOk, notFound, numIn } from './validate';
import { evacuationIsManual } from '../scheduling/drs/maintenance';
import { msg } from '../messages';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

export function hostAdd(w: World, cmd: Cmd<'host.add'>): Result<CommandReceipt> {
  if (!w.clusterById.has(cmd.clusterId)) return err(notFound('cluster', cmd.clusterId));
  const s = cmd.spec;
  if (!s || typeof s !== 'object')
    return err(invalid(['spec is required'], 'The host definition is invalid'));
  const p = [
    nameOk('name', s.name),
    intIn('sockets', s.sockets, 1, 16),
    intIn('coresPerSocket', s.coresPerSocket, 1, 256),
    intIn('coreMHz', s.coreMHz, 100, 10_000),
    intIn('memMiB', s.memMiB, 1024, 64 * 1024 * 1024),
    intIn('nicMbps', s.nicMbps, 100, 800_000),
    intIn('cpuGeneration', s.cpuGeneration, 0, 100),
    numIn('idle watts', s.power?.idleW, 0, 100_000),
    numIn('max watts', s.power?.maxW, 0, 100_000),
    nameOk('cpuModel', s.cpuModel),
  ].filter((x): x is string => x !== null);
  if (s.cpuVendor !== 'intel' && s.cpuVendor !== 'amd') p.push('cpuVendor must be "intel" or "amd"');
  // The hypervisor keeps 1 GiB + 1 % for itself: a host must have memory left for guests.
  if (Number.isFinite(s.memMiB) && s.memMiB <= hypervisorMemMiB(s.memMiB))
    p.push(
      `memMiB must exceed the ${Math.ceil(hypervisorMemMiB(s.memMiB))} MiB the hypervisor keeps for itself`,
    );
  if (s.power && s.power.idleW > s.power.maxW) p.push('idle watts cannot exceed max watts');
  if (
    s.power?.tableW !== undefined &&
    (!Array.isArray(s.power.tableW) ||
      s.power.tableW.length !== 11 ||
      s.power.tableW.some((x) => !Number.isFinite(x) || x < 0))
  )
    p.push('the power table needs 11 non-negative watt values (0 % … 100 %)');
  if (s.topology !== undefined) {
    const c = new FieldChecker();
    checkTopology(c, 'topology', s as unknown as Record<string, unknown>);
    p.push(...c.problems);
  }
  if (p.length > 0) return err(invalid(p, 'The host definition is invalid'));
  const id = w.newId('host');
  w.hosts.push(hostRecord({ ...s, id, clusterId: cmd.clusterId, state: 'connected' }, w.timeSec));
  w.reindex();
  w.event(
    'info',
    'host.added',
    msg('ev.hostAdded', { host: s.name, cluster: w.clusterById.get(cmd.clusterId)?.name ?? cmd.clusterId }),
    [id, cmd.clusterId],
  );
  return ok({ createdId: id });
}

export function hostRemove(w: World, cmd: Cmd<'host.remove'>): Result<CommandReceipt> {
  const h = w.hostById.get(cmd.hostId);
  if (!h) return err(notFound('host', cmd.hostId));
  if (h.state === 'connected')
    return err(engineError('INVALID_STATE', msg('refuse.hostRemoveConnected', { host: h.name })));
  const vms = w.vms.filter((v) => v.hostId === h.id);
  if (vms.length > 0)
    return err(
      engineError(
        'INVALID_STATE',
        msg('refuse.hostHasVms', {
          host: h.name,
          count: vms.length,
          vms: vms
            .slice(0, 3)
            .map((v) => v.name)
            .join(', '),
        }),
      ),
    );
  const ctrs = w.containers.filter((c) => c.hostId === h.id);
  if (ctrs.length > 0)
    return err(
      engineError('INVALID_STATE', msg('refuse.hostHasContainers', { host: h.name, count: ctrs.length })),
    );
  if (
    w.tasks.some(
      (t) =>
        isActive(t) && t.op.kind === 'liveMigrate' && (t.op.srcHostId === h.id || t.op.dstHostId === h.id),
    )
  )
    return err(engineError('CONFLICT', msg('refuse.hostMigrating', { host: h.name })));
  for (const t of w.tasks)
    if (isActive(t) && t.target === h.id) finishTask(w, t, 'cancelled', msg('reason.hostRemoved'), w.timeSec);
  const local = new Set(w.datastores.filter((d) => d.hostId === h.id).map((d) => d.id));
  w.hosts = w.hosts.filter((x) => x !== h);
  w.datastores = w.datastores.filter((d) => !local.has(d.id));
  w.reindex();
  w.event('info', 'host.removed', msg('ev.hostRemoved', { host: h.name }), [h.id]);
  return ok({});
}

export function hostMaintenance(w: World, cmd: Cmd<'host.maintenance'>): Result<CommandReceipt> {
  const h = w.hostById.get(cmd.hostId);
  if (!h) return err(notFound('host', cmd.hostId));
  if (cmd.enter) {
    if (h.state !== 'connected')
      return err(
        engineError(
          'INVALID_STATE',
          msg('refuse.maintenanceState', { host: h.name, state: msg(`hostState.${h.state}` as const) }),
        ),
      );
    h.state = 'maintenance';
    h.stateSince = w.timeSec;
    for (const c of w.containers) {
      if (c.hostId === h.id && c.serviceId === null && c.state !== 'stopped') {
        c.state = 'stopped';
        w.event(
          'warning',
          'container.stopped',
          msg('ev.ctStoppedMaintenance', { ct: c.name, host: h.name }),
          [c.id, h.id],
        );
      }
    }
    const t = newTask(w, 'host.maintenance.enter', msg('task.enterMaintenance', { host: h.name }), h.id, {
      kind: 'evacuate',
      hostId: h.id,
      childTaskIds: [],
      elapsedSec: 0,
      timeoutSec: 3600,
    });
    if (
      evacuationIsManual(w, h.clusterId) &&
      w.vms.some((v) => v.hostId === h.id && v.power === 'poweredOn')
    ) {
      const cl = w.clusterById.get(h.clusterId);
      w.event(
        'info',
        'drs.maintenanceRecommendations',
        msg('ev.drsMaintenanceRecs', {
          cluster: cl?.name ?? h.clusterId,
          automation: msg(`drsAutomation.${cl?.settings.drs.automation ?? 'manual'}` as const),
          host: h.name,
        }),
        [h.id, h.clusterId],
      );
    }
    return ok({ taskId: t.id });
  }
  if (h.state !== 'maintenance')
    return err(
      engineError(
        'INVALID_STATE',
        msg('refuse.notInMaintenance', { host: h.name, state: msg(`hostState.${h.state}` as const) }),
      ),
    );
  for (const t of w.tasks)
    if (isActive(t) && t.op.kind === 'evacuate' && t.op.hostId === h.id)
      finishTask(w, t, 'cancelled', msg('reason.maintenanceExited'), w.timeSec);
  h.state = 'connected';
  h.stateSince = w.timeSec;
  w.event('info', 'host.maintenance.exit', msg('ev.hostExitedMaintenance', { host: h.name }), [h.id]);
  return ok({});
}

export function hostStandby(w: World, cmd: Cmd<'host.standby'>): Result<CommandReceipt> {
  const h = w.hostById.get(cmd.hostId);
  if (!h) return err(notFound('host', cmd.hostId));
  if (cmd.enter) {
    if (h.state !== 'connected' && h.state !== 'maintenance')
      return err(
        engineError(
          'INVALID_STATE',
          msg('refuse.hostIsState', { host: h.name, state: msg(`hostState.${h.state}` as const) }),
        ),
      );
    const running = w.vms.filter((v) => v.hostId === h.id && v.power === 'poweredOn');
    if (running.length > 0)
      return err(
        engineError('INVALID_STATE', msg('refuse.standbyRunsVms', { host: h.name, count: running.length })),
      );
    if (w.containers.some((c) => c.hostId === h.id && c.state === 'running'))
      return err(engineError('INVALID_STATE', msg('refuse.hostRunsContainers', { host: h.name })));
    h.state = 'standby';
    h.stateSince = w.timeSec;
    w.event('info', 'host.standby', msg('ev.hostStandbyManual', { host: h.name }), [h.id]);
    return ok({});
  }
  if (h.state !== 'standby')
    return err(
      engineError(
        'INVALID_STATE',
        msg('refuse.notInStandby', { host: h.name, state: msg(`hostState.${h.state}` as const) }),
      ),
    );
  const t = newTask(w, 'host.standby.exit', msg('task.exitStandby', { host: h.name }), h.id, {
    kind: 'timed',
    durationSec: 180,
    elapsedSec: 0,
    effect: { kind: 'host.ready', hostId: h.id },
  });
  return ok({ taskId: t.id });
}

export function hostFail(w: World, cmd: Cmd<'host.fail'>): Result<CommandReceipt> {
  const h = w.hostById.get(cmd.hostId);
  if (!h) return err(notFound('host', cmd.hostId));
  if (h.state === 'failed')
    return err(engineError('INVALID_STATE', msg('refuse.alreadyFailed', { host: h.name })));
  failHost(w, h.id);
  return ok({});
}

export function hostRepair(w: World, cmd: Cmd<'host.repair'>): Result<CommandReceipt> {
  const h = w.hostById.get(cmd.hostId);
  if (!h) return err(notFound('host', cmd.hostId));
  if (h.state !== 'failed')
    return err(
      engineError(
        'INVALID_STATE',
        msg('refuse.notFailed', { host: h.name, state: msg(`hostState.${h.state}` as const) }),
      ),
    );
  if (w.tasks.some((t) => isActive(t) && t.type === 'host.repair' && t.target === h.id))
    return err(engineError('CONFLICT', msg('refuse.beingRepaired', { host: h.name })));
  const t = newTask(w, 'host.repair', msg('task.repairHost', { host: h.name }), h.id, {
    kind: 'timed',
    durationSec: 300,
    elapsedSec: 0,
    effect: { kind: 'host.ready', hostId: h.id },
  });
  return ok({ taskId: t.id });
}

export function clusterSettingsProblems(w: World, s: ClusterSettingsPatch, clusterId?: string): string[] {
  if (!s || typeof s !== 'object') return ['settings are required'];
  const p: (string | null)[] = [];
  if (s.placementPolicy !== undefined && !(s.placementPolicy in POLICIES))
    p.push(`unknown placement policy "${s.placementPolicy}" (known: ${Object.keys(POLICIES).join(', ')})`);
  if (s.drs?.threshold !== undefined) p.push(intIn('DRS threshold', s.drs.threshold, 1, 5));
  if (s.drs?.automation !== undefined && !['manual', 'partial', 'full'].includes(s.drs.automation))
    p.push('DRS automation must be manual, partial or full');
  if (
    s.ha?.admission !== undefined &&
    !['disabled', 'percentage', 'slots', 'failoverHosts'].includes(s.ha.admission)
  )
    p.push('unknown HA admission policy');
  if (s.ha?.cpuReservePct !== undefined) p.push(intIn('HA CPU reserve %', s.ha.cpuReservePct, 0, 100));
  if (s.ha?.memReservePct !== undefined) p.push(intIn('HA memory reserve %', s.ha.memReservePct, 0, 100));
  if (s.ha?.restartDelaySec !== undefined)
    p.push(intIn('HA restart delay (s)', s.ha.restartDelaySec, 0, 3600));
  if (s.ha?.hostMonitoring !== undefined && typeof s.ha.hostMonitoring !== 'boolean')
    p.push('HA host monitoring must be true or false');
  if (s.ha?.restartPriority !== undefined && !HA_RESTART_PRIORITIES.includes(s.ha.restartPriority))
    p.push(`HA restart priority must be one of ${HA_RESTART_PRIORITIES.join(', ')}`);
  if (s.dpm?.automation !== undefined && s.dpm.automation !== 'manual' && s.dpm.automation !== 'automatic')
    p.push('DPM automation must be manual or automatic');
  if (
    s.ha?.admission === 'failoverHosts' &&
    s.ha.failoverHostIds !== undefined &&
    s.ha.failoverHostIds.length === 0
  )
    p.push('the failover hosts admission policy needs at least one failover host');
  if (s.ha?.failuresToTolerate !== undefined)
    p.push(intIn('HA host failures to tolerate', s.ha.failuresToTolerate, 1, 31));
  if (s.rules !== undefined) p.push(...rulesProblems(w, s.rules));
  if (s.ha?.failoverHostIds !== undefined)
    for (const id of s.ha.failoverHostIds)
      if (!w.hostById.has(id)) p.push(`failover host "${id}" does not exist`);
      else if (clusterId !== undefined && w.hostById.get(id)?.clusterId !== clusterId)
        p.push(`failover host ${w.hostById.get(id)?.name ?? id} is not in this cluster`);
  if (s.cpuAllocationRatio !== undefined) p.push(numIn('CPU allocation ratio', s.cpuAllocationRatio, 0, 64));
  if (s.memAllocationRatio !== undefined)
    p.push(numIn('memory allocation ratio', s.memAllocationRatio, 0, 16));
  if (s.migration?.downtimeTargetMs !== undefined)
    p.push(intIn('downtime target (ms)', s.migration.downtimeTargetMs, 1, 60_000));
  if (s.migration?.maxRounds !== undefined)
    p.push(intIn('max pre-copy rounds', s.migration.maxRounds, 1, 1000));
  if (s.migration?.maxConcurrentPerHost !== undefined)
    p.push(intIn('max concurrent migrations', s.migration.maxConcurrentPerHost, 1, 8));
  return p.filter((x): x is string => x !== null);
}

export function clusterConfigure(w: World, cmd: Cmd<'cluster.configure'>): Result<CommandReceipt> {
  const cl = w.clusterById.get(cmd.clusterId);
  if (!cl) return err(notFound('cluster', cmd.clusterId));
  const p = clusterSettingsProblems(w, cmd.settings, cl.id);
  if (p.length > 0) return err(invalid(p, `Cannot configure ${cl.name}`));
  cl.settings = mergeClusterSettings(cl.settings, cmd.settings);
  w.event('info', 'cluster.reconfigured', msg('ev.clusterReconfigured', { cluster: cl.name }), [cl.id]);
  return ok({});
}

export function taskCancel(w: World, cmd: Cmd<'task.cancel'>): Result<CommandReceipt> {
  const t = w.taskById.get(cmd.taskId);
  if (!t) return err(notFound('task', cmd.taskId));
  if (!isActive(t))
    return err(engineError('INVALID_STATE', `Task ${t.id} has already finished (${t.state}).`));
  if (t.op.kind === 'liveMigrate') {
    endLiveMigration(w, t, t.op, {
      ok: false,
      reason: 'cancelled by the user; the VM stays on its source host',
      cancelled: true,
    });
    return ok({});
  }
  if (t.op.kind === 'evacuate') {
    const h = w.hostById.get(t.op.hostId);
    finishTask(w, t, 'cancelled', msg('reason.cancelledExitMaintenance'), w.timeSec);
    if (h && h.state === 'maintenance') {
      h.state = 'connected';
      h.stateSince = w.timeSec;
    }
    return ok({});
  }
  if (t.state === 'running')
    return err(
      engineError('NOT_SUPPORTED', msg('refuse.taskRunning', { task: t.descriptionMsg ?? t.description })),
    );
  if ('vmId' in t.op.effect) {
    const vm = w.vmById.get(t.op.effect.vmId);
    if (vm && vm.busyTaskId === t.id) vm.busyTaskId = null;
  }
  finishTask(w, t, 'cancelled', msg('reason.cancelled'), w.timeSec);
  return ok({});
}

const RULE_KINDS = ['keepTogether', 'separate', 'runOnHosts', 'avoidHosts'];

/** Declared DRS rules: known kind, unique ids, hosts and VMs that exist. */
function rulesProblems(w: World, rules: ClusterSettingsPatch['rules']): string[] {
  if (!Array.isArray(rules)) return ['rules must be a list'];
  const out: string[] = [];
  const ids = new Set<string>();
  for (const r of rules) {
    if (!r || typeof r !== 'object' || typeof r.id !== 'string' || r.id.length === 0) {
      out.push('every rule needs an id');
      continue;
    }
    if (ids.has(r.id)) out.push(`rule id "${r.id}" is used twice`);
    ids.add(r.id);
    if (!RULE_KINDS.includes(r.kind))
      out.push(`rule "${r.id}": kind must be one of ${RULE_KINDS.join(', ')}`);
    if (typeof r.mandatory !== 'boolean') out.push(`rule "${r.id}": mandatory must be true or false`);
    if (!Array.isArray(r.vmIds) || !Array.isArray(r.hostIds)) {
      out.push(`rule "${r.id}": vmIds and hostIds must be lists`);
      continue;
    }
    for (const h of r.hostIds) if (!w.hostById.has(h)) out.push(`rule "${r.id}": host "${h}" does not exist`);
    for (const v of r.vmIds) if (!w.vmById.has(v)) out.push(`rule "${r.id}": VM "${v}" does not exist`);
    if ((r.kind === 'runOnHosts' || r.kind === 'avoidHosts') && r.hostIds.length === 0)
      out.push(`rule "${r.id}": a ${r.kind} rule needs at least one host`);
  }
  return out;
}

/** vm.delete, vm.power, vm.resize, vm.configure, vm.migrate. */
import { engineError, err, ok, type CommandReceipt, type Result } from '../api';
import type { Command } from '../model/commands';
import { queueLiveMigration } from '../ops/live';
import { precheck } from '../ops/precheck';
import { diskFootprintGiB } from '../ops/snapshots';
import { newTask } from '../ops/tasks';
import type { TimedEffect } from '../ops/task-types';
import { haAdmissionReasons } from '../scheduling';
import { canonicalWorkload } from '../model/canonical';
import { HA_RESTART_PRIORITIES } from '../model/scenario';
import { workloadParams } from '../workload/params';
import { LoadBook, vmDemand } from '../world/admission';
import { cpuShares, hypervisorMemMiB, memShares, rescaleShares } from '../world/defaults';
import type { VmRec } from '../world/types';
import type { World } from '../world/world';
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
import { msg, msgList, msgText, reasonList, type Msg } from '../messages';
import { vmPoolAdmission } from '../pools/admission';
import { effectivePool } from '../pools/divide';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

function getVm(w: World, id: string): Result<VmRec> {
  const vm = w.vmById.get(id);
  if (!vm) return err(notFound('VM', id));
  return ok(vm);
}

const POWER_VERB = {
  on: 'powerOn',
  off: 'powerOff',
  shutdown: 'powerShutdown',
  reset: 'powerReset',
  suspend: 'powerSuspend',
} as const;
type BusyVerb = 'delete' | 'resize' | 'migrate' | (typeof POWER_VERB)[keyof typeof POWER_VERB];

function notBusy(w: World, vm: VmRec, verb: BusyVerb): Result<true> {
  if (vm.busyTaskId === null) return ok(true);
  const t = w.taskById.get(vm.busyTaskId);
  const doing =
    vm.migratingTo !== null
      ? msg('refuse.doingMigrating')
      : msg('refuse.doingBusy', { type: t ? msg('taskType.name', { type: t.type }) : msg('refuse.aTask') });
  return err(
    engineError(
      'CONFLICT',
      msg('refuse.vmBusyDoing', { what: msg(`busyVerb.${verb}`), vm: vm.name, doing, task: vm.busyTaskId }),
      { taskId: vm.busyTaskId },
    ),
  );
}

function timed(
  w: World,
  vm: VmRec,
  type: string,
  description: string | Msg,
  durationSec: number,
  effect: TimedEffect,
): CommandReceipt {
  const t = newTask(w, type, description, vm.id, { kind: 'timed', durationSec, elapsedSec: 0, effect });
  vm.busyTaskId = t.id;
  return { taskId: t.id };
}

export function vmDelete(w: World, cmd: Cmd<'vm.delete'>): Result<CommandReceipt> {
  const vm = getVm(w, cmd.vmId);
  if (!vm.ok) return vm;
  const free = notBusy(w, vm.value, 'delete');
  if (!free.ok) return free;
  if (vm.value.power === 'poweredOn' && !vm.value.haPending)
    return err(engineError('INVALID_STATE', msg('refuse.deletePoweredOn', { vm: vm.value.name })));
  return ok(
    timed(w, vm.value, 'vm.delete', msg('task.deleteVm', { vm: vm.value.name }), 2, {
      kind: 'vm.delete',
      vmId: vm.value.id,
    }),
  );
}

export function vmPower(w: World, cmd: Cmd<'vm.power'>): Result<CommandReceipt> {
  const r = getVm(w, cmd.vmId);
  if (!r.ok) return r;
  const vm = r.value;
  if (vm.template) return err(engineError('INVALID_STATE', msg('refuse.templatePowerOn', { vm: vm.name })));
  const free = notBusy(w, vm, POWER_VERB[cmd.action] ?? 'powerOn');
  if (!free.ok) return free;
  const on = vm.power === 'poweredOn';
  switch (cmd.action) {
    case 'on': {
      if (on && !vm.haPending)
        return err(engineError('INVALID_STATE', msg('refuse.alreadyOn', { vm: vm.name })));
      if (vm.haPending) return err(engineError('INVALID_STATE', msg('refuse.waitingHa', { vm: vm.name })));
      const host = w.hostById.get(vm.hostId);
      if (!host || host.state !== 'connected')
        return err(
          engineError(
            'INVALID_STATE',
            msg('refuse.powerOnHost', {
              vm: vm.name,
              host: host?.name ?? vm.hostId,
              state: host ? msg(`hostState.${host.state}`) : msg('refuse.missing'),
            }),
          ),
        );
      const book = new LoadBook(w);
      const reasons = [
        ...book.admit(host, vmDemand(vm)),
        ...haAdmissionReasons(w, book, host, vmDemand(vm)),
        // Its resource pool's reservations (only in clusters with pools; pools/admission.ts).
        ...vmPoolAdmission(w, vm, host.clusterId, effectivePool(w, vm)?.id ?? null),
      ];
      if (reasons.length > 0)
        return err(
          engineError(
            'INSUFFICIENT_CAPACITY',
            msg('refuse.cannotPowerOn', { host: host.name, vm: vm.name, reasons: reasonList(reasons) }),
            { reasons: reasons.map(msgText) },
          ),
        );
      const resume = vm.power === 'suspended';
      return ok(
        timed(
          w,
          vm,
          'vm.power.on',
          msg(resume ? 'task.resume' : 'task.powerOn', { vm: vm.name }),
          resume ? 5 + vm.memMiB / 1000 : 3,
          { kind: 'vm.powerOn', vmId: vm.id },
        ),
      );
    }
    case 'off':
    case 'shutdown':
      if (vm.power === 'poweredOff')
        return err(engineError('INVALID_STATE', msg('refuse.alreadyOff', { vm: vm.name })));
      if (cmd.action === 'shutdown' && !on)
        return err(engineError('INVALID_STATE', msg('refuse.shutdownNotRunning', { vm: vm.name })));
      if (vm.haPending) {
        vm.haPending = false;
        vm.power = 'poweredOff';
        vm.poweredOnAt = null;
        w.event('info', 'vm.poweredOff', msg('ev.vmPoweredOffHaCancelled', { vm: vm.name }), [vm.id]);
        return ok({});
      }
      return ok(
        timed(
          w,
          vm,
          `vm.power.${cmd.action}`,
          msg(cmd.action === 'off' ? 'task.powerOff' : 'task.shutdown', { vm: vm.name }),
          cmd.action === 'off' ? 1 : 30,
          { kind: 'vm.powerOff', vmId: vm.id },
        ),
      );
    case 'reset':
      if (!on || vm.haPending)
        return err(engineError('INVALID_STATE', msg('refuse.resetNotRunning', { vm: vm.name })));
      return ok(
        timed(w, vm, 'vm.power.reset', msg('task.reset', { vm: vm.name }), 2, {
          kind: 'vm.reset',
          vmId: vm.id,
        }),
      );
    case 'suspend':
      if (!on || vm.haPending)
        return err(engineError('INVALID_STATE', msg('refuse.suspendNotRunning', { vm: vm.name })));
      return ok(
        timed(w, vm, 'vm.power.suspend', msg('task.suspend', { vm: vm.name }), 10 + vm.memMiB / 500, {
          kind: 'vm.suspend',
          vmId: vm.id,
        }),
      );
    default: {
      const never: never = cmd.action;
      return err(
        engineError(
          'INVALID_ARGUMENT',
          `unknown power action "${String(never)}"; use on, off, shutdown, reset or suspend`,
        ),
      );
    }
  }
}

export function vmResize(w: World, cmd: Cmd<'vm.resize'>): Result<CommandReceipt> {
  const r = getVm(w, cmd.vmId);
  if (!r.ok) return r;
  const vm = r.value;
  if (vm.template) return err(engineError('INVALID_STATE', msg('refuse.templateHardware', { vm: vm.name })));
  const free = notBusy(w, vm, 'resize');
  if (!free.ok) return free;
  const host = w.hostById.get(vm.hostId)!;
  const running = vm.power !== 'poweredOff';
  const p: (string | null)[] = [];
  if (cmd.vcpus === undefined && cmd.memMiB === undefined && cmd.disk === undefined)
    p.push('give vcpus, memMiB or disk');
  if (cmd.vcpus !== undefined) p.push(intIn('vcpus', cmd.vcpus, 1, LIMITS.vcpus));
  if (cmd.memMiB !== undefined) p.push(intIn('memMiB', cmd.memMiB, 4, LIMITS.memMiB));
  if (cmd.disk !== undefined)
    p.push(
      intIn('disk index', cmd.disk.index, 0, vm.disks.length - 1),
      intIn('disk sizeGiB', cmd.disk.sizeGiB, 1, LIMITS.diskGiB),
    );
  const problems = p.filter((x): x is string => x !== null);
  if (problems.length > 0) return err(invalid(problems, `Cannot resize ${vm.name}`));
  const cores = host.sockets * host.coresPerSocket;
  if (cmd.vcpus !== undefined && cmd.vcpus !== vm.vcpus) {
    if (cmd.vcpus > cores)
      return err(
        engineError(
          'INSUFFICIENT_CAPACITY',
          msg('refuse.vcpusExceedHost', { vcpus: cmd.vcpus, cores, host: host.name }),
        ),
      );
    if (running && cmd.vcpus < vm.vcpus)
      return err(engineError('NOT_SUPPORTED', msg('refuse.cpuHotRemove', { vm: vm.name })));
    if (running && !vm.hotAddCpu)
      return err(engineError('INVALID_STATE', msg('refuse.cpuHotAdd', { vm: vm.name })));
  }
  if (cmd.memMiB !== undefined && cmd.memMiB !== vm.memMiB) {
    const usable = host.memMiB - hypervisorMemMiB(host.memMiB);
    if (cmd.memMiB > usable)
      return err(
        engineError(
          'INSUFFICIENT_CAPACITY',
          msg('refuse.memExceedHost', {
            mem: msg('unit.MiB', { v: cmd.memMiB }),
            usable: msg('unit.MiB', { v: Math.floor(usable) }),
            host: host.name,
          }),
        ),
      );
    if (running && cmd.memMiB < vm.memMiB)
      return err(engineError('NOT_SUPPORTED', msg('refuse.memHotRemove', { vm: vm.name })));
    if (running && !vm.hotAddMem)
      return err(engineError('INVALID_STATE', msg('refuse.memHotAdd', { vm: vm.name })));
    if (cmd.memMiB < vm.memResMiB)
      return err(
        engineError(
          'INVALID_ARGUMENT',
          msg('refuse.memBelowReservation', { mem: msg('unit.MiB', { v: vm.memResMiB }) }),
        ),
      );
  }
  if (cmd.disk !== undefined) {
    const d = vm.disks[cmd.disk.index]!;
    if (cmd.disk.sizeGiB < d.sizeGiB)
      return err(
        engineError(
          'NOT_SUPPORTED',
          msg('refuse.disksOnlyGrow', { index: cmd.disk.index, vm: vm.name, size: d.sizeGiB }),
        ),
      );
    const ds = w.datastoreById.get(d.datastoreId);
    const grow = d.thin ? 0 : cmd.disk.sizeGiB - d.sizeGiB;
    if (ds && grow > ds.capacityGiB - ds.usedGiB)
      return err(
        engineError(
          'INSUFFICIENT_CAPACITY',
          msg('refuse.dsFreeGrow', {
            ds: ds.name,
            free: Math.floor(ds.capacityGiB - ds.usedGiB),
            need: grow,
          }),
        ),
      );
  }
  // Growing a running VM grows its overhead reservation (and its allocation): the host must still admit it.
  const dv = Math.max(0, (cmd.vcpus ?? vm.vcpus) - vm.vcpus);
  const dm = Math.max(0, (cmd.memMiB ?? vm.memMiB) - vm.memMiB);
  if (vm.power === 'poweredOn' && (dv > 0 || dm > 0)) {
    const book = new LoadBook(w);
    for (const hostId of [vm.hostId, vm.migratingTo]) {
      const h = hostId === null ? undefined : w.hostById.get(hostId);
      if (!h) continue;
      const reasons = book.admit(
        { ...h, state: 'connected' },
        {
          vcpus: dv,
          memMiB: dm,
          cpuReservationMHz: 0,
          memReservationMiB: 0,
          requestMilli: 0,
          isContainer: false,
        },
      );
      if (reasons.length > 0)
        return err(
          engineError(
            'INSUFFICIENT_CAPACITY',
            msg('refuse.largerVm', { host: h.name, reasons: msgList(reasons) }),
            {
              reasons: reasons.map(msgText),
            },
          ),
        );
    }
  }
  // Accepted: apply.
  if (cmd.vcpus !== undefined) {
    vm.vcpus = cmd.vcpus;
    vm.cpuShares = rescaleShares(vm.cpuSharesLevel, vm.cpuShares, vm.vcpus, 'cpu');
  }
  if (cmd.memMiB !== undefined) {
    vm.memMiB = cmd.memMiB;
    vm.memShares = rescaleShares(vm.memSharesLevel, vm.memShares, vm.memMiB, 'mem');
  }
  if (cmd.disk !== undefined) {
    const d = vm.disks[cmd.disk.index]!;
    d.sizeGiB = cmd.disk.sizeGiB;
    if (!d.thin) d.usedGiB = d.sizeGiB;
  }
  return ok(
    timed(w, vm, 'vm.reconfigure', msg('task.reconfigure', { vm: vm.name }), 1, {
      kind: 'vm.reconfigure',
      vmId: vm.id,
    }),
  );
}

export function vmConfigure(w: World, cmd: Cmd<'vm.configure'>): Result<CommandReceipt> {
  const r = getVm(w, cmd.vmId);
  if (!r.ok) return r;
  const vm = r.value;
  const problems = [...cpuAllocProblems(cmd.cpu), ...memAllocProblems(cmd.mem, vm.memMiB)];
  if (cmd.workload !== undefined) problems.push(...workloadProblems(w, cmd.workload));
  if (cmd.name !== undefined) {
    const n = nameOk('name', cmd.name);
    if (n) problems.push(n);
  }
  if (
    cmd.tags !== undefined &&
    (!Array.isArray(cmd.tags) || cmd.tags.some((t) => typeof t !== 'string' || t.length > 80))
  )
    problems.push('tags must be texts of at most 80 characters');
  if (cmd.haRestartPriority !== undefined && !HA_RESTART_PRIORITIES.includes(cmd.haRestartPriority))
    problems.push(`haRestartPriority must be one of ${HA_RESTART_PRIORITIES.join(', ')}`);
  if (problems.length > 0) return err(invalid(problems, `Cannot configure ${vm.name}`));
  const newCpuRes = cmd.cpu?.reservationMHz ?? vm.cpuResMHz;
  const newMemRes = cmd.mem?.reservationMiB ?? vm.memResMiB;
  const cpuLimit = cmd.cpu && 'limitMHz' in cmd.cpu ? (cmd.cpu.limitMHz ?? null) : vm.cpuLimitMHz;
  const memLimit = cmd.mem && 'limitMiB' in cmd.mem ? (cmd.mem.limitMiB ?? null) : vm.memLimitMiB;
  if (cpuLimit !== null && newCpuRes > cpuLimit)
    return err(engineError('INVALID_ARGUMENT', msg('refuse.cpuResOverLimit')));
  if (memLimit !== null && newMemRes > memLimit)
    return err(engineError('INVALID_ARGUMENT', msg('refuse.memResOverLimit')));
  if (vm.power === 'poweredOn' && !vm.haPending && (newCpuRes > vm.cpuResMHz || newMemRes > vm.memResMiB)) {
    // The VM reserves on its host and, while migrating, on the destination too: both must still fit.
    const book = new LoadBook(w);
    const extra = {
      vcpus: 0,
      memMiB: 0,
      cpuReservationMHz: newCpuRes - vm.cpuResMHz,
      memReservationMiB: newMemRes - vm.memResMiB,
      requestMilli: 0,
      isContainer: true,
    };
    for (const hostId of [vm.hostId, vm.migratingTo]) {
      const host = hostId === null ? undefined : w.hostById.get(hostId);
      if (!host) continue;
      const reasons = book
        .admit({ ...host, state: 'connected' }, extra)
        .filter((x) => x.code === 'admit.cpuRes' || x.code === 'admit.memRes');
      if (reasons.length > 0)
        return err(
          engineError(
            'INSUFFICIENT_CAPACITY',
            msg('refuse.largerReservation', { host: host.name, reasons: msgList(reasons) }),
            { reasons: reasons.map(msgText) },
          ),
        );
    }
  }
  if (cmd.cpu) {
    if (cmd.cpu.shares !== undefined) {
      const s = cpuShares(cmd.cpu.shares, vm.vcpus);
      vm.cpuShares = s.shares;
      vm.cpuSharesLevel = s.level;
    }
    vm.cpuResMHz = newCpuRes;
    vm.cpuLimitMHz = cpuLimit;
  }
  if (cmd.mem) {
    if (cmd.mem.shares !== undefined) {
      const s = memShares(cmd.mem.shares, vm.memMiB);
      vm.memShares = s.shares;
      vm.memSharesLevel = s.level;
    }
    vm.memResMiB = newMemRes;
    vm.memLimitMiB = memLimit;
  }
  if (cmd.workload) {
    vm.workload = canonicalWorkload(cmd.workload);
    vm.wp = workloadParams(cmd.workload, 'vm');
    w.workloadEpoch++;
  }
  if (cmd.tags) vm.tags = [...cmd.tags];
  if (cmd.haRestartPriority !== undefined) vm.haRestartPriority = cmd.haRestartPriority;
  if (cmd.name !== undefined) vm.name = cmd.name;
  w.event('info', 'vm.reconfigured', msg('ev.vmReconfigured', { vm: vm.name }), [vm.id]);
  return ok({});
}

export function vmMigrate(w: World, cmd: Cmd<'vm.migrate'>): Result<CommandReceipt> {
  const r = getVm(w, cmd.vmId);
  if (!r.ok) return r;
  const vm = r.value;
  if (cmd.hostId === undefined && cmd.datastoreId === undefined)
    return err(engineError('INVALID_ARGUMENT', 'give a destination hostId, datastoreId or both'));
  const free = notBusy(w, vm, 'migrate');
  if (!free.ok) return free;
  if (vm.haPending) return err(engineError('INVALID_STATE', `${vm.name} is down waiting for HA.`));
  if (cmd.hostId !== undefined && !w.hostById.has(cmd.hostId)) return err(notFound('host', cmd.hostId));
  if (cmd.datastoreId !== undefined && !w.datastoreById.has(cmd.datastoreId))
    return err(notFound('datastore', cmd.datastoreId));
  const live = vm.power === 'poweredOn';
  // Storage only.
  if (cmd.hostId === undefined || cmd.hostId === vm.hostId) {
    const ds = w.datastoreById.get(cmd.datastoreId!)!;
    const host = w.hostById.get(vm.hostId)!;
    if (!w.hostCanReach(host, ds))
      return err(engineError('INVALID_ARGUMENT', `${host.name} cannot reach datastore ${ds.name}`));
    if (vm.disks.every((d) => d.datastoreId === ds.id))
      return err(engineError('INVALID_ARGUMENT', `${vm.name}'s disks are already on ${ds.name}`));
    // Snapshot deltas and memory files move with the disks: a VM with snapshots has more to copy.
    const used = diskFootprintGiB(vm);
    if (ds.capacityGiB - ds.usedGiB < used)
      return err(
        engineError(
          'INSUFFICIENT_CAPACITY',
          `datastore ${ds.name} has ${Math.floor(ds.capacityGiB - ds.usedGiB)} GiB free; the disks need ${Math.ceil(used)} GiB`,
        ),
      );
    const srcDs = w.datastoreById.get(vm.disks[0]?.datastoreId ?? '');
    const sec = (used * 1024) / Math.min(ds.copyMiBps, srcDs?.copyMiBps ?? ds.copyMiBps);
    return ok(
      timed(
        w,
        vm,
        'vm.relocate',
        msg(live ? 'task.storageVmotion' : 'task.moveDisks', { vm: vm.name, ds: ds.name }),
        Math.max(1, sec),
        { kind: 'vm.storageMigrate', vmId: vm.id, datastoreId: ds.id },
      ),
    );
  }
  const pc = precheck(w, vm, cmd.hostId, cmd.datastoreId ?? null);
  if (pc.errors.length > 0) {
    const capacity = pc.errors.some((e) => e.includes('reservations') || e.includes('exceed'));
    return err(
      engineError(
        capacity ? 'INSUFFICIENT_CAPACITY' : 'INVALID_STATE',
        msg('err.cannotMigrate', { vm: vm.name, reasons: msgList(pc.errorMsgs) }),
        { errors: pc.errors, warnings: pc.warnings },
      ),
    );
  }
  if (live) {
    const t = queueLiveMigration(w, vm, cmd.hostId, cmd.datastoreId ?? null, null);
    return ok({ taskId: t.id });
  }
  const dst = w.hostById.get(cmd.hostId)!;
  if (cmd.datastoreId !== undefined) {
    // Cold migration with storage: move registration after copying the disks.
    const ds = w.datastoreById.get(cmd.datastoreId)!;
    const used = diskFootprintGiB(vm);
    const t = newTask(
      w,
      'vm.migrate.cold',
      msg('task.moveColdWithStorage', { vm: vm.name, host: dst.name, ds: ds.name }),
      vm.id,
      {
        kind: 'timed',
        durationSec: 5 + (used * 1024) / ds.copyMiBps,
        elapsedSec: 0,
        effect: { kind: 'vm.coldMigrate', vmId: vm.id, hostId: dst.id },
      },
    );
    vm.busyTaskId = t.id;
    for (const d of vm.disks) d.datastoreId = ds.id;
    w.version++;
    return ok({ taskId: t.id });
  }
  return ok(
    timed(w, vm, 'vm.migrate.cold', msg('task.moveCold', { vm: vm.name, host: dst.name }), 5, {
      kind: 'vm.coldMigrate',
      vmId: vm.id,
      hostId: dst.id,
    }),
  );
}

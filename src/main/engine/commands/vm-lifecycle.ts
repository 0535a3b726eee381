/** VM lifecycle: snapshots, templates, tags and custom attributes (docs/model.md "Snapshots, templates, tags"). */
import { engineError, err, ok, type CommandReceipt, type Result } from '../api';
import type { Command } from '../model/commands';
import { newTask } from '../ops/tasks';
import type { TimedEffect } from '../ops/task-types';
import {
  baseMergeNeedGiB,
  deleteAllMergeGiB,
  deleteMergeGiB,
  findSnapshot,
  homeDatastore,
  MAX_SNAPSHOTS,
  MEMORY_FILE_MIBPS,
} from '../ops/snapshots';
import { haAdmissionReasons } from '../scheduling';
import { LoadBook, vmDemand } from '../world/admission';
import type { CustomAttribute, VmRec } from '../world/types';
import type { World } from '../world/world';
import { msg, msgList, msgText, type Msg } from '../messages';
import { invalid, nameOk, notFound } from './validate';

type SnapOp = 'take' | 'revert' | 'delete' | 'consolidate';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

export const ANNOTATION_LIMITS = {
  tags: 100,
  tagLength: 80,
  attributes: 50,
  keyLength: 40,
  valueLength: 200,
};
export const DESCRIPTION_LENGTH = 500;

function busy(w: World, vm: VmRec, what: Msg): Result<true> {
  if (vm.busyTaskId === null) return ok(true);
  const t = w.taskById.get(vm.busyTaskId);
  return err(
    engineError(
      'CONFLICT',
      msg('refuse.vmBusy', {
        what,
        vm: vm.name,
        type: t ? msg('taskType.name', { type: t.type }) : msg('refuse.aTask'),
        task: vm.busyTaskId,
      }),
      { taskId: vm.busyTaskId },
    ),
  );
}

/** The VM for a snapshot operation: exists, is not a template, not busy, not down waiting for HA. */
function snapTarget(w: World, vmId: string, what: SnapOp): Result<VmRec> {
  const op = msg(`snapOp.${what}`);
  const vm = w.vmById.get(vmId);
  if (!vm) return err(notFound('VM', vmId));
  if (vm.template)
    return err(engineError('INVALID_STATE', msg('refuse.templateSnapshots', { vm: vm.name, op })));
  if (vm.haPending) return err(engineError('INVALID_STATE', msg('refuse.vmHaPending', { vm: vm.name })));
  if (vm.migratingTo !== null)
    return err(engineError('CONFLICT', msg('refuse.vmMigrating', { vm: vm.name })));
  const free = busy(w, vm, msg('refuse.opSnapshotsOf', { op }));
  if (!free.ok) return free;
  return ok(vm);
}

function timed(w: World, vm: VmRec, type: string, description: Msg, sec: number, effect: TimedEffect) {
  const t = newTask(w, type, description, vm.id, {
    kind: 'timed',
    durationSec: Math.max(1, sec),
    elapsedSec: 0,
    effect,
  });
  vm.busyTaskId = t.id;
  return { taskId: t.id };
}

function copySec(w: World, vm: VmRec, gib: number): number {
  const ds = homeDatastore(w, vm);
  return (gib * 1024) / (ds?.copyMiBps ?? 400);
}

export function vmSnapshotCreate(w: World, cmd: Cmd<'vm.snapshot.create'>): Result<CommandReceipt> {
  const r = snapTarget(w, cmd.vmId, 'take');
  if (!r.ok) return r;
  const vm = r.value;
  const p: string[] = [];
  const n = nameOk('snapshot name', cmd.name);
  if (n) p.push(n);
  if (
    cmd.description !== undefined &&
    (typeof cmd.description !== 'string' || cmd.description.length > DESCRIPTION_LENGTH)
  )
    p.push(`the description must be a text of at most ${DESCRIPTION_LENGTH} characters`);
  if (p.length > 0) return err(invalid(p, msg('refuse.cannotSnapshot', { vm: vm.name })));
  const s = vm.snap;
  if (s && s.list.length >= MAX_SNAPSHOTS)
    return err(engineError('INVALID_STATE', msg('refuse.maxSnapshots', { vm: vm.name, max: MAX_SNAPSHOTS })));
  if (s && s.list.length === 0 && s.orphanGiB > 0)
    return err(engineError('INVALID_STATE', msg('refuse.needsConsolidation', { vm: vm.name })));
  const memory = cmd.memory === true;
  if (memory && vm.power !== 'poweredOn')
    return err(
      engineError(
        'INVALID_STATE',
        msg('refuse.memSnapshotPower', { vm: vm.name, power: msg(`vmPower.${vm.power}`) }),
      ),
    );
  const ds = homeDatastore(w, vm);
  const needGiB = memory ? vm.memMiB / 1024 : 0;
  if (ds && ds.capacityGiB - ds.usedGiB < Math.max(needGiB, 0.01))
    return err(
      engineError(
        'INSUFFICIENT_CAPACITY',
        msg('refuse.dsFullSnapshot', {
          ds: ds.name,
          free: Math.max(0, ds.capacityGiB - ds.usedGiB).toFixed(1),
          need: Math.max(needGiB, 0.01).toFixed(2),
        }),
      ),
    );
  const name = cmd.name.trim();
  return ok(
    timed(
      w,
      vm,
      'vm.snapshot.create',
      msg('task.createSnapshot', { snapshot: name, vm: vm.name }),
      2 + (memory ? vm.memMiB / MEMORY_FILE_MIBPS : 0),
      {
        kind: 'vm.snapshot',
        vmId: vm.id,
        name,
        description: cmd.description ?? '',
        memory,
      },
    ),
  );
}

export function vmSnapshotRevert(w: World, cmd: Cmd<'vm.snapshot.revert'>): Result<CommandReceipt> {
  const r = snapTarget(w, cmd.vmId, 'revert');
  if (!r.ok) return r;
  const vm = r.value;
  const x = findSnapshot(vm, cmd.snapshotId);
  if (!x) return err(notFound(`snapshot of ${vm.name}`, cmd.snapshotId));
  // Back to a powered-on state from a VM that is not running: the host must admit it, as a power-on would.
  if (x.memory && x.power === 'poweredOn' && vm.power !== 'poweredOn') {
    const host = w.hostById.get(vm.hostId);
    if (!host || host.state !== 'connected')
      return err(
        engineError(
          'INVALID_STATE',
          msg('refuse.revertHost', {
            vm: vm.name,
            host: host?.name ?? vm.hostId,
            state: host ? msg(`hostState.${host.state}`) : msg('refuse.missing'),
          }),
        ),
      );
    const book = new LoadBook(w);
    const reasons = [...book.admit(host, vmDemand(vm)), ...haAdmissionReasons(w, book, host, vmDemand(vm))];
    if (reasons.length > 0)
      return err(
        engineError(
          'INSUFFICIENT_CAPACITY',
          msg('refuse.cannotResume', { host: host.name, vm: vm.name, reasons: msgList(reasons) }),
          { reasons: reasons.map(msgText) },
        ),
      );
  }
  return ok(
    timed(
      w,
      vm,
      'vm.snapshot.revert',
      msg('task.revertSnapshot', { vm: vm.name, snapshot: x.name }),
      2 + (x.memory ? (x.memGiB * 1024) / MEMORY_FILE_MIBPS : 0),
      {
        kind: 'vm.revert',
        vmId: vm.id,
        snapshotId: x.id,
      },
    ),
  );
}

export function vmSnapshotDelete(w: World, cmd: Cmd<'vm.snapshot.delete'>): Result<CommandReceipt> {
  const r = snapTarget(w, cmd.vmId, 'delete');
  if (!r.ok) return r;
  const vm = r.value;
  const x = findSnapshot(vm, cmd.snapshotId);
  if (!x) return err(notFound(`snapshot of ${vm.name}`, cmd.snapshotId));
  return ok(
    timed(
      w,
      vm,
      'vm.snapshot.delete',
      msg('task.deleteSnapshot', { snapshot: x.name, vm: vm.name }),
      1 + copySec(w, vm, deleteMergeGiB(vm, x)),
      {
        kind: 'vm.snapshotDelete',
        vmId: vm.id,
        snapshotId: x.id,
      },
    ),
  );
}

export function vmSnapshotDeleteAll(w: World, cmd: Cmd<'vm.snapshot.deleteAll'>): Result<CommandReceipt> {
  const r = snapTarget(w, cmd.vmId, 'delete');
  if (!r.ok) return r;
  const vm = r.value;
  if (!vm.snap || vm.snap.list.length === 0)
    return err(engineError('INVALID_STATE', msg('refuse.noSnapshots', { vm: vm.name })));
  return ok(
    timed(
      w,
      vm,
      'vm.snapshot.deleteAll',
      msg('task.deleteAllSnapshots', { vm: vm.name }),
      1 + copySec(w, vm, deleteAllMergeGiB(vm)),
      {
        kind: 'vm.snapshotDeleteAll',
        vmId: vm.id,
      },
    ),
  );
}

export function vmConsolidate(w: World, cmd: Cmd<'vm.consolidate'>): Result<CommandReceipt> {
  const r = snapTarget(w, cmd.vmId, 'consolidate');
  if (!r.ok) return r;
  const vm = r.value;
  const s = vm.snap;
  if (!s || s.list.length > 0 || s.orphanGiB <= 0)
    return err(
      engineError(
        'INVALID_STATE',
        msg(s && s.list.length > 0 ? 'refuse.noConsolidationSnapshots' : 'refuse.noConsolidation', {
          vm: vm.name,
        }),
      ),
    );
  const ds = homeDatastore(w, vm);
  const need = baseMergeNeedGiB(vm, s.orphanGiB);
  if (ds && need > ds.capacityGiB - ds.usedGiB)
    return err(
      engineError(
        'INSUFFICIENT_CAPACITY',
        msg('refuse.dsConsolidate', {
          ds: ds.name,
          free: Math.floor(Math.max(0, ds.capacityGiB - ds.usedGiB)),
          vm: vm.name,
          need: Math.ceil(need),
        }),
      ),
    );
  return ok(
    timed(
      w,
      vm,
      'vm.consolidate',
      msg('task.consolidate', { vm: vm.name }),
      1 + copySec(w, vm, s.orphanGiB),
      {
        kind: 'vm.consolidate',
        vmId: vm.id,
      },
    ),
  );
}

export function vmTemplate(w: World, cmd: Cmd<'vm.template'>): Result<CommandReceipt> {
  const vm = w.vmById.get(cmd.vmId);
  if (!vm) return err(notFound('VM', cmd.vmId));
  if (typeof cmd.template !== 'boolean')
    return err(invalid(['template must be true or false'], 'Cannot convert'));
  const free = busy(w, vm, msg(cmd.template ? 'refuse.toTemplate' : 'refuse.toVm'));
  if (!free.ok) return free;
  if (cmd.template) {
    if (vm.template) return err(engineError('INVALID_STATE', msg('refuse.alreadyTemplate', { vm: vm.name })));
    if (vm.power !== 'poweredOff' || vm.haPending)
      return err(
        engineError(
          'INVALID_STATE',
          msg('refuse.templatePower', {
            vm: vm.name,
            power: msg(vm.haPending ? 'vmPower.waitingHa' : `vmPower.${vm.power}`),
          }),
        ),
      );
    if (w.containers.some((c) => c.vmId === vm.id))
      return err(engineError('INVALID_STATE', msg('refuse.templateContainers', { vm: vm.name })));
    vm.template = true;
    w.event('info', 'vm.template.created', msg('ev.vmToTemplate', { vm: vm.name }), [vm.id]);
  } else {
    if (!vm.template) return err(engineError('INVALID_STATE', msg('refuse.notTemplate', { vm: vm.name })));
    vm.template = undefined;
    w.event('info', 'vm.template.converted', msg('ev.templateToVm', { vm: vm.name }), [vm.id]);
  }
  w.version++;
  return ok({});
}

/** Problems of a tag list / attribute list (empty when fine). */
export function annotationProblems(tags: unknown, attributes: unknown): string[] {
  const L = ANNOTATION_LIMITS;
  const p: string[] = [];
  if (tags !== undefined) {
    if (!Array.isArray(tags) || tags.length > L.tags) p.push(`tags must be a list of at most ${L.tags}`);
    else if (tags.some((t) => typeof t !== 'string' || t.trim().length === 0 || t.length > L.tagLength))
      p.push(`each tag must be a non-empty text of at most ${L.tagLength} characters`);
  }
  if (attributes !== undefined) {
    if (!Array.isArray(attributes) || attributes.length > L.attributes)
      p.push(`custom attributes must be a list of at most ${L.attributes}`);
    else {
      const keys = new Set<string>();
      for (const a of attributes as unknown[]) {
        const o = a as Partial<CustomAttribute> | null;
        if (!o || typeof o.key !== 'string' || o.key.trim().length === 0 || o.key.length > L.keyLength) {
          p.push(`each attribute needs a key of 1 to ${L.keyLength} characters`);
          break;
        }
        if (typeof o.value !== 'string' || o.value.length > L.valueLength) {
          p.push(`attribute "${o.key}": the value must be a text of at most ${L.valueLength} characters`);
          break;
        }
        if (keys.has(o.key.trim())) {
          p.push(`attribute "${o.key}" is given twice`);
          break;
        }
        keys.add(o.key.trim());
      }
    }
  }
  return p;
}

function normTags(tags: string[]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    const x = t.trim();
    if (!out.includes(x)) out.push(x);
  }
  return out;
}

function normAttrs(a: CustomAttribute[]): CustomAttribute[] | undefined {
  const out = a.map((x) => ({ key: x.key.trim(), value: x.value }));
  out.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return out.length > 0 ? out : undefined;
}

export function objectAnnotate(w: World, cmd: Cmd<'object.annotate'>): Result<CommandReceipt> {
  const vm = w.vmById.get(cmd.objectId);
  const host = vm ? undefined : w.hostById.get(cmd.objectId);
  if (!vm && !host) return err(notFound('VM or host', cmd.objectId));
  const name = (vm ?? host)!.name;
  if (cmd.tags === undefined && cmd.attributes === undefined)
    return err(invalid(['give tags, attributes or both'], `Cannot annotate ${name}`));
  const p = annotationProblems(cmd.tags, cmd.attributes);
  if (p.length > 0) return err(invalid(p, `Cannot annotate ${name}`));
  if (vm) {
    if (cmd.tags !== undefined) vm.tags = normTags(cmd.tags);
    if (cmd.attributes !== undefined) vm.attributes = normAttrs(cmd.attributes);
  } else if (host) {
    if (cmd.tags !== undefined) host.tags = cmd.tags.length > 0 ? normTags(cmd.tags) : undefined;
    if (cmd.attributes !== undefined) host.attributes = normAttrs(cmd.attributes);
  }
  w.event('info', vm ? 'vm.reconfigured' : 'host.annotated', msg('ev.annotated', { name }), [cmd.objectId]);
  return ok({});
}

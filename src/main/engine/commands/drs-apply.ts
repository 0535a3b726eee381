/**
 * drs.apply: the user approves DRS recommendations of a manual or partially automated cluster — one (the
 * VM's) or all of the current pass. Each becomes a live migration task, checked like a user migration.
 */
import { engineError, err, ok, type CommandReceipt, type Result } from '../api';
import type { Command } from '../model/commands';
import { queueLiveMigration } from '../ops/live';
import { migrationSkipReason, precheck } from '../ops/precheck';
import { drsPass } from '../scheduling';
import type { World } from '../world/world';
import { notFound } from './validate';
import { msg, msgList, msgText, sameMsgs, type Msg } from '../messages';
import { setDescription } from '../ops/tasks';

type Cmd = Extract<Command, { type: 'drs.apply' }>;

export function drsApply(w: World, cmd: Cmd): Result<CommandReceipt> {
  const cl = w.clusterById.get(cmd.clusterId);
  if (!cl) return err(notFound('cluster', cmd.clusterId));
  if (cmd.vmId !== undefined && !w.vmById.has(cmd.vmId)) return err(notFound('VM', cmd.vmId));
  if (!cl.settings.drs.enabled)
    return err(engineError('INVALID_STATE', msg('refuse.drsDisabled', { cluster: cl.name })));
  if (cl.settings.drs.automation === 'full')
    return err(engineError('INVALID_STATE', msg('refuse.drsFull', { cluster: cl.name })));
  const pass = drsPass(w, cl.id, {
    canMove: (vmId, hostId, flows) => migrationSkipReason(w, vmId, hostId, flows),
  });
  const chosen = pass.recommendations.filter((r) => cmd.vmId === undefined || r.vmId === cmd.vmId);
  if (chosen.length === 0) {
    const m =
      cmd.vmId !== undefined
        ? msg('refuse.drsNoRecFor', { vm: w.vmById.get(cmd.vmId)?.name ?? cmd.vmId, cluster: cl.name })
        : msg('refuse.drsNoRec', { cluster: cl.name });
    return err(engineError('NOT_FOUND', m, { clusterId: cl.id }));
  }
  // Check every move first: a refused command changes nothing.
  const problems: Msg[] = [];
  for (const r of chosen) {
    const vm = w.vmById.get(r.vmId);
    if (!vm) continue;
    if (vm.busyTaskId !== null) problems.push(msg('refuse.drsVmBusy', { vm: vm.name, task: vm.busyTaskId }));
    else {
      const pc = precheck(w, vm, r.toHostId);
      if (pc.errors.length > 0)
        problems.push(
          msg('refuse.drsMove', {
            vm: vm.name,
            host: r.toHostName,
            reason: sameMsgs(pc.errors.slice(0, 1), pc.errorMsgs?.slice(0, 1))[0] ?? '',
          }),
        );
    }
  }
  if (problems.length > 0)
    return err(
      engineError('CONFLICT', msg('refuse.drsCannotApply', { problems: msgList(problems) }), {
        problems: problems.map(msgText),
      }),
    );
  let first: string | undefined;
  for (const r of chosen) {
    const vm = w.vmById.get(r.vmId)!;
    const t = queueLiveMigration(w, vm, r.toHostId, null, null);
    setDescription(
      t,
      msg('task.drsApproved', { task: t.descriptionMsg ?? t.description, priority: r.priority }),
    );
    first ??= t.id;
  }
  w.event('info', 'drs.applied', msg('ev.drsApplied', { count: chosen.length, cluster: cl.name }), [cl.id]);
  return first !== undefined ? ok({ taskId: first }) : ok({});
}

/**
 * host.power (reboot, shut down) and host.connection (disconnect, reconnect): the host operations of a
 * vSphere client's host menu. A host that still runs VMs is refused with the reason (evacuate it first:
 * maintenance mode); so is one that takes part in a migration.
 */
import { engineError, err, ok, type CommandReceipt, type Result } from '../api';
import type { Command } from '../model/commands';
import { isActive, newTask } from '../ops/tasks';
import type { World } from '../world/world';
import { msg } from '../messages';
import { notFound } from './validate';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

/** Seconds a reboot keeps the host down (POST, hypervisor boot, reconnect), and a reconnect takes. */
export const REBOOT_SEC = 300;
export const RECONNECT_SEC = 20;

function migrating(w: World, hostId: string): boolean {
  return w.tasks.some(
    (t) =>
      isActive(t) && t.op.kind === 'liveMigrate' && (t.op.srcHostId === hostId || t.op.dstHostId === hostId),
  );
}

export function hostPower(w: World, cmd: Cmd<'host.power'>): Result<CommandReceipt> {
  const h = w.hostById.get(cmd.hostId);
  if (!h) return err(notFound('host', cmd.hostId));
  if (cmd.action !== 'reboot' && cmd.action !== 'shutdown')
    return err(engineError('INVALID_ARGUMENT', 'action must be "reboot" or "shutdown"'));
  const verb = msg(cmd.action === 'reboot' ? 'verb.reboot' : 'verb.shutDown');
  const state = msg(`hostState.${h.state}` as const);
  if (h.state !== 'connected' && h.state !== 'maintenance')
    return err(engineError('INVALID_STATE', msg('refuse.hostPowerState', { host: h.name, state, verb })));
  const running = w.vms.filter((v) => v.hostId === h.id && v.power === 'poweredOn');
  if (running.length > 0)
    return err(
      engineError(
        'INVALID_STATE',
        msg('refuse.hostRunsVmsPower', {
          host: h.name,
          count: running.length,
          vms: running
            .slice(0, 3)
            .map((v) => v.name)
            .join(', '),
          verb,
        }),
      ),
    );
  if (w.containers.some((c) => c.hostId === h.id && c.state === 'running'))
    return err(engineError('INVALID_STATE', msg('refuse.hostRunsContainersMove', { host: h.name })));
  if (migrating(w, h.id)) return err(engineError('CONFLICT', msg('refuse.hostMigrating', { host: h.name })));
  for (const t of w.tasks)
    if (isActive(t) && t.op.kind === 'evacuate' && t.op.hostId === h.id)
      return err(engineError('CONFLICT', msg('refuse.hostEnteringWait', { host: h.name })));
  h.state = 'standby';
  h.stateSince = w.timeSec;
  if (cmd.action === 'shutdown') {
    w.event('warning', 'host.shutdown', msg('ev.hostShutdown', { host: h.name }), [h.id]);
    return ok({});
  }
  w.event('info', 'host.rebooting', msg('ev.hostRebooting', { host: h.name }), [h.id]);
  const t = newTask(w, 'host.reboot', msg('task.rebootHost', { host: h.name }), h.id, {
    kind: 'timed',
    durationSec: REBOOT_SEC,
    elapsedSec: 0,
    effect: { kind: 'host.ready', hostId: h.id },
  });
  return ok({ taskId: t.id });
}

export function hostConnection(w: World, cmd: Cmd<'host.connection'>): Result<CommandReceipt> {
  const h = w.hostById.get(cmd.hostId);
  if (!h) return err(notFound('host', cmd.hostId));
  if (typeof cmd.connect !== 'boolean')
    return err(engineError('INVALID_ARGUMENT', 'connect must be true or false'));
  if (!cmd.connect) {
    if (h.state !== 'connected' && h.state !== 'maintenance')
      return err(
        engineError(
          'INVALID_STATE',
          msg('refuse.hostDisconnectState', { host: h.name, state: msg(`hostState.${h.state}` as const) }),
        ),
      );
    if (migrating(w, h.id))
      return err(engineError('CONFLICT', msg('refuse.hostMigrating', { host: h.name })));
    for (const t of w.tasks)
      if (isActive(t) && t.op.kind === 'evacuate' && t.op.hostId === h.id)
        return err(engineError('CONFLICT', msg('refuse.hostEnteringCancel', { host: h.name })));
    const running = w.vms.filter((v) => v.hostId === h.id && v.power === 'poweredOn').length;
    h.state = 'disconnected';
    h.stateSince = w.timeSec;
    w.event('warning', 'host.disconnected', msg('ev.hostDisconnected', { host: h.name, count: running }), [
      h.id,
    ]);
    return ok({});
  }
  if (h.state !== 'disconnected')
    return err(
      engineError(
        'INVALID_STATE',
        msg('refuse.hostNotDisconnected', { host: h.name, state: msg(`hostState.${h.state}` as const) }),
      ),
    );
  if (w.tasks.some((t) => isActive(t) && t.type === 'host.reconnect' && t.target === h.id))
    return err(engineError('CONFLICT', msg('refuse.hostReconnecting', { host: h.name })));
  const t = newTask(w, 'host.reconnect', msg('task.reconnectHost', { host: h.name }), h.id, {
    kind: 'timed',
    durationSec: RECONNECT_SEC,
    elapsedSec: 0,
    effect: { kind: 'host.ready', hostId: h.id },
  });
  return ok({ taskId: t.id });
}

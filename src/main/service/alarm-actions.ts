/**
 * Alarm actions (issue 12): what an alarm definition does when a level triggers or the alarm clears. The
 * session runs them right after the evaluation of the tick that made them due (`AlarmEvaluator.dueActions`):
 * an action on an object runs the command the console's own action would, through the session's command
 * path, so it is logged with its tick like a user's command, makes its task and events, and a reopen or a
 * verify replays it from the log (the evaluator never runs actions during a replay). Each action is recorded
 * as an event: `alarm.notify` (the console pops it up) or `alarm.action` (ran, or refused with the reason).
 */
import type { AlarmActionType } from '../../shared/contract-alarms';
import type { Command } from '../engine';
import type { EngineEvent } from '../engine/api';
import { msg, msgText, type Msg, type MsgCode } from '../engine/messages';
import type { DueAlarmAction } from './alarms';

/** The command an action runs on the alarm's object (null: notify, which runs none). */
export function actionCommand(type: AlarmActionType, objectId: string): Command | null {
  switch (type) {
    case 'notify':
      return null;
    case 'host.enterMaintenance':
      return { type: 'host.maintenance', hostId: objectId, enter: true };
    case 'host.exitMaintenance':
      return { type: 'host.maintenance', hostId: objectId, enter: false };
    case 'vm.migrate':
      return { type: 'vm.migrate', vmId: objectId };
    case 'vm.powerOff':
      return { type: 'vm.power', vmId: objectId, action: 'off' };
    case 'vm.shutdown':
      return { type: 'vm.power', vmId: objectId, action: 'shutdown' };
    case 'vm.suspend':
      return { type: 'vm.power', vmId: objectId, action: 'suspend' };
    case 'vm.reset':
      return { type: 'vm.power', vmId: objectId, action: 'reset' };
    case 'container.restart':
      return { type: 'container.restart', containerId: objectId };
  }
}

const ACTION_NAMES: Record<Exclude<AlarmActionType, 'notify'>, MsgCode> = {
  'host.enterMaintenance': 'alarmActType.enterMaintenance',
  'host.exitMaintenance': 'alarmActType.exitMaintenance',
  'vm.migrate': 'alarmActType.migrate',
  'vm.powerOff': 'alarmActType.powerOff',
  'vm.shutdown': 'alarmActType.shutdown',
  'vm.suspend': 'alarmActType.suspend',
  'vm.reset': 'alarmActType.reset',
  'container.restart': 'alarmActType.restart',
};

function level(d: DueAlarmAction): Msg {
  if (d.on === 'clear') return msg('alarmLevel.clear');
  if (d.repeat) return msg(d.on === 'critical' ? 'alarmLevel.criticalAgain' : 'alarmLevel.warningAgain');
  return msg(d.on === 'critical' ? 'alarmLevel.critical' : 'alarmLevel.warning');
}

/** The event that records an action: a notification, an action that ran, or one the engine refused. */
export function actionEvent(
  time: number,
  d: DueAlarmAction,
  outcome: { ok: true } | { ok: false; reason: string } | null,
): EngineEvent {
  const alarmMsg = d.alarm.msg as Msg | undefined;
  let m: Msg;
  let severity: EngineEvent['severity'];
  if (outcome === null) {
    m = msg('alarmAct.notify', { level: level(d), alarm: alarmMsg ?? d.alarm.message });
    severity = d.on === 'clear' ? 'info' : d.on === 'critical' ? 'error' : 'warning';
  } else {
    const params = {
      rule: alarmMsg?.params['rule'] ?? d.rule.label,
      object: d.alarm.objectName,
      level: level(d),
      action: msg(ACTION_NAMES[d.action.type as Exclude<AlarmActionType, 'notify'>]),
    };
    m = outcome.ok
      ? msg('alarmAct.ran', params)
      : msg('alarmAct.refused', { ...params, reason: outcome.reason });
    severity = outcome.ok ? 'info' : 'warning';
  }
  return {
    time,
    severity,
    type: outcome === null ? 'alarm.notify' : 'alarm.action',
    message: msgText(m),
    objects: [d.alarm.objectId],
    msg: m,
  };
}

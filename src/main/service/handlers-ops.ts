/**
 * Handlers of the events/tasks console and the alarm definitions (issue 12, "Events, tasks, alarms"):
 * the recorded event and task types, and the time-range clamp shared with events.query / tasks.query.
 */
import { apiOk, type ApiResult } from '../../shared/errors';
import type { HandlersOf } from './handlers';
import { fromStore } from './errors';
import type { VdcService } from './vdc-service';
import type { Workspace } from '../store';
import { defineAlarm, definitionViews, deleteAlarm } from './alarm-definitions';

type WithWorkspace = <T>(fn: (ws: Workspace) => ApiResult<T>) => ApiResult<T>;

/** A query's time range clamped to what is recorded: [0, last recorded time] (a range past it reads up to now). */
export function clampRange<Q extends { from?: number | undefined; to?: number | undefined }>(
  q: Q,
  lastTime: number,
): Q {
  const end = Math.max(0, lastTime);
  const out = { ...q };
  if (out.from !== undefined) out.from = Math.min(Math.max(0, out.from), end);
  if (out.to !== undefined) out.to = Math.min(Math.max(0, out.to), end);
  return out;
}

export function makeOpsHandlers(
  svc: VdcService,
  withWorkspace: WithWorkspace,
): HandlersOf<'history.types' | 'alarms.definitions' | 'alarms.define' | 'alarms.deleteDefinition'> {
  const withSession = <T>(fn: (s: NonNullable<VdcService['session']>) => ApiResult<T>): ApiResult<T> => {
    const s = svc.requireSession();
    return s.ok ? fn(s.value) : s;
  };
  return {
    'history.types': () =>
      withWorkspace((ws) => {
        svc.session?.flush();
        return fromStore(ws.historyTypes());
      }),
    'alarms.definitions': () => withSession((s) => apiOk(definitionViews(s.alarms, s.engine.catalog()))),
    'alarms.define': (_c, p) =>
      withSession((s) => defineAlarm(s.alarms, s.workspace, s.engine.catalog(), s.engine.time, p.definition)),
    'alarms.deleteDefinition': (_c, p) =>
      withSession((s) => deleteAlarm(s.alarms, s.workspace, s.engine.catalog(), s.engine.time, p.id)),
  };
}

/**
 * Handlers of the events/tasks console and the alarm definitions (issue 12, "Events, tasks, alarms"):
 * the recorded event and task types, and the time-range clamp shared with events.query / tasks.query.
 */
import type { ApiResult } from '../../shared/errors';
import type { HandlersOf } from './handlers';
import { fromStore } from './errors';
import type { VdcService } from './vdc-service';
import type { Workspace } from '../store';

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

export function makeOpsHandlers(svc: VdcService, withWorkspace: WithWorkspace): HandlersOf<'history.types'> {
  return {
    'history.types': () =>
      withWorkspace((ws) => {
        svc.session?.flush();
        return fromStore(ws.historyTypes());
      }),
  };
}

/** Task bookkeeping: create, start, progress and finish tasks; keep the finished history bounded. */
import type { TaskInfo } from '../api';
import type { World } from '../world/world';
import type { TaskOp, TaskRec } from './task-types';
import { msg, msgText, type Msg } from '../messages';

/** Finished tasks kept (the newest ones); older finished tasks are dropped. */
export const MAX_FINISHED_TASKS = 300;

export function newTask(
  w: World,
  type: string,
  description: string | Msg,
  target: string,
  op: TaskOp,
  resultId?: string,
): TaskRec {
  const t: TaskRec = {
    id: w.newId('task'),
    type,
    description: msgText(description),
    target,
    state: 'queued',
    progress: 0,
    queuedAt: w.timeSec,
    startedAt: null,
    finishedAt: null,
    reason: null,
    op,
  };
  if (resultId !== undefined) t.resultId = resultId;
  if (typeof description !== 'string') t.descriptionMsg = description;
  w.tasks.push(t);
  w.taskById.set(t.id, t);
  w.changedTasks.add(t.id);
  return t;
}

/** Replaces a task's description (e.g. to add why the scheduler queued it). */
export function setDescription(t: TaskRec, description: Msg): void {
  t.description = msgText(description);
  t.descriptionMsg = description;
}

export function startTask(w: World, t: TaskRec, at: number): void {
  t.state = 'running';
  t.startedAt = at;
  w.changedTasks.add(t.id);
}

export function setProgress(w: World, t: TaskRec, fraction: number): void {
  const p = Math.max(0, Math.min(99, Math.floor(fraction * 100)));
  if (p !== t.progress) {
    t.progress = p;
    w.changedTasks.add(t.id);
  }
}

export function finishTask(
  w: World,
  t: TaskRec,
  state: 'success' | 'error' | 'cancelled',
  reason: string | Msg,
  at: number,
): void {
  if (t.state === 'success' || t.state === 'error' || t.state === 'cancelled') return;
  t.state = state;
  t.reason = msgText(reason);
  if (typeof reason !== 'string') t.reasonMsg = reason;
  t.finishedAt = at;
  if (t.startedAt === null) t.startedAt = at;
  if (state === 'success') t.progress = 100;
  w.changedTasks.add(t.id);
  if (state === 'error')
    w.event(
      'error',
      `task.failed`,
      msg('ev.taskFailed', { task: t.descriptionMsg ?? t.description, reason }),
      [t.target, t.id],
    );
}

export function isActive(t: TaskRec): boolean {
  return t.state === 'queued' || t.state === 'running';
}

/** Drops the oldest finished tasks beyond MAX_FINISHED_TASKS. */
export function pruneTasks(w: World): void {
  let finished = 0;
  for (const t of w.tasks) if (!isActive(t)) finished++;
  if (finished <= MAX_FINISHED_TASKS) return;
  let drop = finished - MAX_FINISHED_TASKS;
  w.tasks = w.tasks.filter((t) => {
    if (drop > 0 && !isActive(t) && !w.changedTasks.has(t.id)) {
      drop--;
      w.taskById.delete(t.id);
      return false;
    }
    return true;
  });
}

/** The public view of a task (without its operation state). */
/**
 * A live migration or a timed task (power, snapshot, clone …) ends inside a tick: its reported finish is its
 * start plus its own duration (the result's "completed in 2.6 s" / "completed in 9 s"), not the end of the
 * tick, so a task's duration and result agree (issue 12, defect 8).
 * View only: the engine's record (used by DRS / DPM hold-offs and the run hash) keeps the tick's end.
 */
function reportedFinish(t: TaskRec): number | null {
  if (t.state !== 'success' || t.startedAt === null || t.finishedAt === null) return t.finishedAt;
  // The same rounding as the result's text (`reason.migrated`: elapsedSec.toFixed(1); `reason.completedIn` of a
  // timed task: durationSec.toFixed(0)): one figure for both.
  if (t.op.kind === 'liveMigrate')
    return Math.min(t.finishedAt, t.startedAt + Number(t.op.elapsedSec.toFixed(1)));
  if (t.op.kind === 'timed') return Math.min(t.finishedAt, t.startedAt + Number(t.op.durationSec.toFixed(0)));
  return t.finishedAt;
}

export function taskInfo(t: TaskRec): TaskInfo {
  const info: TaskInfo = {
    id: t.id,
    type: t.type,
    description: t.description,
    target: t.target,
    state: t.state,
    progress: t.progress,
    queuedAt: t.queuedAt,
    startedAt: t.startedAt,
    finishedAt: reportedFinish(t),
    reason: t.reason,
  };
  if (t.resultId !== undefined) info.resultId = t.resultId;
  if (t.descriptionMsg !== undefined) info.descriptionMsg = t.descriptionMsg;
  if (t.reasonMsg !== undefined) info.reasonMsg = t.reasonMsg;
  return info;
}

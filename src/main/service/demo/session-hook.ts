/**
 * Lets the demo player see every tick of a session and every command given to it, through the
 * session's listener API (Session.listen).
 */
import type { TickResult, Command } from '../../engine';
import type { ApiResult } from '../../../shared/errors';
import type { Session } from '../session';

export interface SessionTap {
  /** After the session recorded a tick. */
  afterTick(result: TickResult): void;
  /** After a command was given to the session (accepted or not). */
  afterCommand(command: Command, result: ApiResult<{ taskId?: string; createdId?: string }>): void;
}

const taps = new WeakMap<Session, () => void>();

/** Attaches a tap (replacing an earlier one); answers a function that detaches it. */
export function tapSession(session: Session, tap: SessionTap): () => void {
  taps.get(session)?.();
  const remove = session.listen({
    afterTick: (r) => tap.afterTick(r),
    afterCommand: (c, r) => tap.afterCommand(c, r),
  });
  const detach = (): void => {
    remove();
    taps.delete(session);
  };
  taps.set(session, detach);
  return detach;
}

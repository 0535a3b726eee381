/**
 * Lets the demo player see every tick of a session and every command given to it, without changes to
 * Session: the instance's `step` and `execute` are wrapped (the clock and the handlers call them through
 * the instance). REQUESTED: a listener API on Session (onAfterTick / onCommand) to replace this wrapping.
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

const TAPPED = Symbol('demoTap');

type Tappable = Session & { [TAPPED]?: () => void };

/** Attaches a tap (replacing an earlier one); answers a function that detaches it. */
export function tapSession(session: Session, tap: SessionTap): () => void {
  const s = session as Tappable;
  s[TAPPED]?.();
  const engine = session.engine;
  const origEngineStep = engine.step;
  const origStep = session.step;
  const origExecute = session.execute;
  let last: TickResult | null = null;
  engine.step = function (this: typeof engine) {
    last = origEngineStep.call(engine);
    return last;
  };
  session.step = function () {
    origStep.call(session);
    if (last) {
      const r = last;
      last = null;
      tap.afterTick(r);
    }
  };
  session.execute = function (command: Command) {
    const r = origExecute.call(session, command);
    tap.afterCommand(command, r);
    return r;
  };
  const detach = (): void => {
    engine.step = origEngineStep;
    session.step = origStep;
    session.execute = origExecute;
    delete s[TAPPED];
  };
  s[TAPPED] = detach;
  return detach;
}

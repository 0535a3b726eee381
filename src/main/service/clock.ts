/**
 * The simulation clock: turns wall time into engine ticks at a chosen speed, in short slices so the
 * process hosting it (Electron main, the web server) never blocks for long. The engine itself has no
 * clock; this is the only place that reads wall time to drive it.
 */

export type Speed = number | 'max';

/** The achieved speed is averaged over this much wall time, so slow speeds do not flicker. */
const SPEED_WINDOW_MS = 4000;

export interface ClockTimers {
  now(): number;
  /** Schedules `fn` after about `ms` milliseconds; returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
}

export const realTimers: ClockTimers = {
  now: () => performance.now(),
  schedule: (fn, ms) => {
    if (ms <= 0) {
      const h = setImmediate(fn);
      return () => clearImmediate(h);
    }
    const h = setTimeout(fn, ms);
    return () => clearTimeout(h);
  },
};

export interface ClockOptions {
  tickSeconds: number;
  /** Runs one engine tick (and records it). */
  step: () => void;
  /** Called after a slice that advanced the simulation, or when play/pause/speed changed. */
  onChange: () => void;
  /** A step threw: the clock has stopped (onChange follows). */
  onFault?: (error: unknown) => void;
  /** Longest run of ticks in one slice, in wall milliseconds. */
  sliceBudgetMs?: number;
  timers?: ClockTimers;
}

export class SimClock {
  /** 30× = a 20 s tick every ⅔ s of wall time: a datacenter that looks alive without racing. */
  private speedValue: Speed = 30;
  private runningValue = false;
  private cancel: (() => void) | null = null;
  private lastWall = 0;
  /** Simulated seconds owed to the simulation but not yet run as whole ticks. */
  private carrySec = 0;
  private readonly budgetMs: number;
  private readonly timers: ClockTimers;
  /**
   * Samples of (wall ms, simulated seconds credited since play) to measure the achieved speed. The
   * credit counts the time owed but not yet run as a whole tick, so at slow speeds (1×: one 20 s tick
   * every 20 s of wall time) the reading is steady instead of alternating between 0× and 5×.
   */
  private history: { wall: number; simSec: number }[] = [];
  /** Simulated seconds run as whole ticks since play / the last speed change. */
  private ranSec = 0;
  /** Holds in place (hold()): no tick runs while any is. */
  private holds = 0;
  private holdWaiters: (() => void)[] = [];
  private disposed = false;
  /** stepTicks calls in progress (their slices are not a pause: see `stepping`). */
  private steps = 0;

  constructor(private readonly opts: ClockOptions) {
    this.budgetMs = opts.sliceBudgetMs ?? 20;
    this.timers = opts.timers ?? realTimers;
  }

  get running(): boolean {
    return this.runningValue;
  }

  get speed(): Speed {
    return this.speedValue;
  }

  /** Simulated seconds per wall second achieved over the last few seconds (since play, if sooner). */
  actualSpeed(): number {
    if (!this.runningValue) return 0;
    const now = this.timers.now();
    // Keep the newest sample older than the window as its start, so the window stays covered.
    while (this.history.length > 2 && now - this.history[1]!.wall >= SPEED_WINDOW_MS) this.history.shift();
    const first = this.history[0];
    const last = this.history[this.history.length - 1];
    if (!first || !last || last.wall - first.wall <= 0) return 0;
    return ((last.simSec - first.simSec) * 1000) / (last.wall - first.wall);
  }

  play(): void {
    if (this.runningValue) return;
    this.runningValue = true;
    this.lastWall = this.timers.now();
    this.resetSpeedSamples();
    this.schedule(0);
    this.opts.onChange();
  }

  pause(): void {
    if (!this.runningValue) return;
    this.runningValue = false;
    this.cancel?.();
    this.cancel = null;
    this.opts.onChange();
  }

  setSpeed(speed: Speed): void {
    this.speedValue = speed;
    this.lastWall = this.timers.now();
    this.resetSpeedSamples();
    this.opts.onChange();
  }

  /**
   * Holds the simulation where it is until the answered function is called: no tick runs (the clock
   * stays "running" and goes on at its speed afterwards, the held time not owed; stepTicks waits).
   * For work that reads the whole live state in slices (a run hash, a snapshot).
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds === 0) for (const fn of this.holdWaiters.splice(0)) fn();
    };
  }

  get held(): boolean {
    return this.holds > 0;
  }

  /**
   * True while stepTicks runs and has ticks left: its slices end with onChange like a pause would, but
   * the simulation is not paused yet (the session then checkpoints on its normal schedule, not after
   * every slice). False again before the onChange of its last slice.
   */
  get stepping(): boolean {
    return this.steps > 0;
  }

  /**
   * Runs `ticks` ticks now, in slices, whether the clock runs or not. Answers how many ran and, when a
   * step threw, the error (the clock is then stopped and the remaining ticks are not run).
   */
  async stepTicks(ticks: number): Promise<{ ran: number; error?: unknown }> {
    let left = ticks;
    let ran = 0;
    this.steps++;
    let counted = true;
    const done = () => {
      if (counted) this.steps--;
      counted = false;
    };
    try {
      while (left > 0) {
        while (this.holds > 0 && !this.disposed) await new Promise<void>((r) => this.holdWaiters.push(r));
        if (this.disposed) return { ran };
        const start = this.timers.now();
        while (left > 0 && this.timers.now() - start < this.budgetMs) {
          try {
            this.opts.step();
          } catch (error) {
            done();
            this.fault(error);
            return { ran, error };
          }
          left--;
          ran++;
        }
        // The last slice's onChange sees the stepping over (a paused session checkpoints once, at the end).
        if (left === 0) done();
        this.opts.onChange();
        if (left > 0) await new Promise<void>((resolve) => this.timers.schedule(resolve, 0));
      }
      return { ran };
    } finally {
      done();
    }
  }

  /** A step threw: stop, never let the exception escape a timer (it would end the process). */
  private fault(error: unknown): void {
    this.runningValue = false;
    this.cancel?.();
    this.cancel = null;
    for (const fn of [() => this.opts.onFault?.(error), () => this.opts.onChange()]) {
      try {
        fn();
      } catch {
        // already stopping because of `error`; a second failure must not escape a timer either
      }
    }
  }

  private resetSpeedSamples(): void {
    this.carrySec = 0;
    this.ranSec = 0;
    this.history = [{ wall: this.lastWall, simSec: 0 }];
  }

  dispose(): void {
    this.disposed = true;
    for (const fn of this.holdWaiters.splice(0)) fn();
    this.runningValue = false;
    this.cancel?.();
    this.cancel = null;
  }

  private schedule(ms: number): void {
    this.cancel = this.timers.schedule(() => this.slice(), ms);
  }

  private slice(): void {
    this.cancel = null;
    if (!this.runningValue) return;
    if (this.holds > 0) {
      // Held (hold()): look again shortly. The held time is not owed (as during a pause): no burst after.
      this.lastWall = this.timers.now();
      this.schedule(20);
      return;
    }
    try {
      this.runSlice();
    } catch (error) {
      this.fault(error);
    }
  }

  private runSlice(): void {
    const start = this.timers.now();
    let ran = 0;
    if (this.speedValue === 'max') {
      while (this.timers.now() - start < this.budgetMs) {
        this.opts.step();
        ran++;
      }
    } else {
      this.carrySec += ((start - this.lastWall) / 1000) * this.speedValue;
      this.lastWall = start;
      let due = Math.floor(this.carrySec / this.opts.tickSeconds);
      while (due > 0 && this.timers.now() - start < this.budgetMs) {
        this.opts.step();
        ran++;
        due--;
        this.carrySec -= this.opts.tickSeconds;
      }
      // Never build up an unbounded backlog: when the machine cannot keep up, the speed drops.
      this.carrySec = Math.min(this.carrySec, this.opts.tickSeconds * 2);
    }
    this.ranSec += ran * this.opts.tickSeconds;
    const credit = this.speedValue === 'max' ? 0 : this.carrySec;
    const wall = this.speedValue === 'max' ? this.timers.now() : start;
    this.history.push({ wall, simSec: this.ranSec + credit });
    while (this.history.length > 2 && wall - this.history[1]!.wall >= SPEED_WINDOW_MS) this.history.shift();
    if (ran > 0) this.opts.onChange();
    if (!this.runningValue) return;
    if (this.speedValue === 'max') {
      this.schedule(0);
    } else {
      // Wake when the next tick is due, but at least every 250 ms to keep the achieved speed fresh.
      const secToNext = Math.max(0, this.opts.tickSeconds - this.carrySec);
      const wallMs = (secToNext / this.speedValue) * 1000;
      this.schedule(Math.min(250, Math.max(4, wallMs)));
    }
  }
}

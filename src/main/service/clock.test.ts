import { describe, expect, it } from 'vitest';
import { SimClock, type ClockTimers } from './clock';

/** Manual timers: time only moves when the test says so; scheduled callbacks run in order. */
class ManualTimers implements ClockTimers {
  t = 0;
  /** Wall ms each engine step costs. */
  stepCostMs = 0;
  private queue: { at: number; fn: () => void; id: number }[] = [];
  private seq = 0;
  now(): number {
    return this.t;
  }
  schedule(fn: () => void, ms: number): () => void {
    const id = ++this.seq;
    this.queue.push({ at: this.t + Math.max(0, ms), fn, id });
    return () => (this.queue = this.queue.filter((q) => q.id !== id));
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.t = Math.max(this.t, next.at);
      next.fn();
    }
    this.t = end;
  }
}

function makeClock(tickSeconds = 20, stepCostMs = 0) {
  const timers = new ManualTimers();
  timers.stepCostMs = stepCostMs;
  let ticks = 0;
  let changes = 0;
  const clock = new SimClock({
    tickSeconds,
    timers,
    step: () => {
      ticks++;
      timers.t += timers.stepCostMs;
    },
    onChange: () => changes++,
  });
  return { clock, timers, ticks: () => ticks, changes: () => changes };
}

describe('SimClock', () => {
  it('runs one 20 s tick per wall second at 20×', () => {
    const c = makeClock();
    c.clock.setSpeed(20);
    c.clock.play();
    c.timers.advance(10_000);
    expect(c.ticks()).toBeGreaterThanOrEqual(9);
    expect(c.ticks()).toBeLessThanOrEqual(10);
  });

  it('runs 50 ticks per wall second at 1,000×', () => {
    const c = makeClock();
    c.clock.setSpeed(1000);
    c.clock.play();
    c.timers.advance(2_000);
    expect(c.ticks()).toBeGreaterThanOrEqual(98);
    expect(c.ticks()).toBeLessThanOrEqual(100);
  });

  it('does not advance while paused, and resumes without a backlog', () => {
    const c = makeClock();
    c.clock.setSpeed(100);
    c.clock.play();
    c.timers.advance(1_000);
    const before = c.ticks();
    c.clock.pause();
    c.timers.advance(60_000);
    expect(c.ticks()).toBe(before);
    c.clock.play();
    c.timers.advance(1_000);
    // 100× = 5 ticks per wall second; the minute spent paused is not owed.
    expect(c.ticks() - before).toBeLessThanOrEqual(5);
    expect(c.ticks() - before).toBeGreaterThanOrEqual(4);
  });

  it('never runs longer than its slice budget at "max" speed, then yields', () => {
    const c = makeClock(20, 3);
    c.clock.setSpeed('max');
    c.clock.play();
    // One slice: steps of 3 ms until 20 ms are used → 7 steps, then it yields to the event loop.
    c.timers.advance(0);
    expect(c.ticks()).toBe(7);
    c.timers.advance(100);
    expect(c.ticks()).toBeGreaterThan(7);
  });

  it('drops speed instead of building a backlog when steps are too slow', () => {
    const c = makeClock(20, 50); // every step costs 50 ms wall
    c.clock.setSpeed(10_000); // asks for 500 ticks per wall second
    c.clock.play();
    c.timers.advance(5_000);
    // At 50 ms per step at most ~20 steps fit in a wall second.
    expect(c.ticks()).toBeLessThanOrEqual(101);
    c.clock.pause();
    const after = c.ticks();
    c.timers.advance(5_000);
    expect(c.ticks()).toBe(after);
  });

  it('steps a given number of ticks while paused', async () => {
    const c = makeClock();
    const done = c.clock.stepTicks(3);
    c.timers.advance(10);
    await done;
    expect(c.ticks()).toBe(3);
    expect(c.clock.running).toBe(false);
  });

  it('reports the achieved speed averaged over the last seconds', () => {
    const c = makeClock();
    c.clock.setSpeed(200);
    c.clock.play();
    c.timers.advance(3_000);
    expect(c.clock.actualSpeed()).toBeGreaterThanOrEqual(180);
    expect(c.clock.actualSpeed()).toBeLessThanOrEqual(220);
    c.timers.advance(10_000);
    expect(c.clock.actualSpeed()).toBeGreaterThanOrEqual(180);
    expect(c.clock.actualSpeed()).toBeLessThanOrEqual(220);
    c.clock.pause();
    expect(c.clock.actualSpeed()).toBe(0);
  });

  it('reads a steady 1× at 1× (one 20 s tick every 20 s of wall time), never 0× or 5×', () => {
    const c = makeClock(20);
    c.clock.setSpeed(1);
    c.clock.play();
    c.timers.advance(2_000);
    for (let i = 0; i < 120; i++) {
      c.timers.advance(500);
      const s = c.clock.actualSpeed();
      expect(s).toBeGreaterThanOrEqual(0.9);
      expect(s).toBeLessThanOrEqual(1.1);
    }
    expect(c.ticks()).toBe(3); // 62 s of wall time at 1×
  });

  it('hold(): no tick runs while held, stepTicks waits, and the clock goes on after the release', async () => {
    const c = makeClock();
    c.clock.setSpeed(20);
    c.clock.play();
    c.timers.advance(3_000);
    const before = c.ticks();
    expect(before).toBeGreaterThan(0);
    const release = c.clock.hold();
    expect(c.clock.held).toBe(true);
    c.timers.advance(10_000);
    expect(c.ticks()).toBe(before);
    expect(c.clock.running).toBe(true);
    let stepped = false;
    const step = c.clock.stepTicks(2).then((r) => ((stepped = true), r));
    await Promise.resolve();
    await Promise.resolve();
    expect(stepped).toBe(false);
    expect(c.ticks()).toBe(before);
    release();
    release(); // a second call does nothing
    expect(c.clock.held).toBe(false);
    expect(await step).toEqual({ ran: 2 });
    c.timers.advance(5_000);
    // The speed again, the held time not owed (no burst of catch-up ticks): 5 s at 20× is 5 ticks.
    expect(c.ticks()).toBeGreaterThanOrEqual(before + 2 + 4);
    expect(c.ticks()).toBeLessThanOrEqual(before + 2 + 6);
  });
});

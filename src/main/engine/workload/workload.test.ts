import { describe, expect, it } from 'vitest';
import { businessHours, evalWorkload, setClock, traceValue, type WorkloadClock } from './profile';
import { workloadParams } from './params';
import { parseCsvTrace, parsePlanetLabTrace } from './traces';
import { parseIsoMs } from '../time';

function clock(epochMs: number, tick = 0): WorkloadClock {
  const c: WorkloadClock = {
    seed: 1,
    tick,
    tickSeconds: 20,
    timeSec: tick * 20,
    epochMs,
    traces: new Map(),
    dayShape0: 0,
    weekShape0: 0,
  };
  setClock(c, tick, tick * 20, epochMs);
  return c;
}
const MONDAY = parseIsoMs('2026-01-05T00:00:00Z') as number;
const sample = () => ({ cpuFrac: 0, memFrac: 0, intensity: 0 });

describe('workload patterns', () => {
  it('business hours: night 0, office hours 1, smooth ramps', () => {
    expect(businessHours(3)).toBe(0);
    expect(businessHours(8)).toBeCloseTo(0.5);
    expect(businessHours(12)).toBe(1);
    expect(businessHours(18)).toBeCloseTo(0.5);
    expect(businessHours(20)).toBe(0);
  });

  it('diurnal and weekly follow the clock and the phase (time zone)', () => {
    const p = workloadParams(
      { pattern: 'diurnal', cpuBasePct: 10, cpuPeakPct: 60, memActivePct: 20, noisePct: 0 },
      'vm',
    );
    const st = { walk: 0.5, burstLeftSec: 0 };
    expect(evalWorkload(p, st, 1, clock(MONDAY + 12 * 3600e3), sample()).cpuFrac).toBeCloseTo(0.6);
    expect(evalWorkload(p, st, 1, clock(MONDAY + 2 * 3600e3), sample()).cpuFrac).toBeCloseTo(0.1);
    // 02:00 UTC is 12:00 at UTC+10.
    const tokyo = workloadParams(
      { pattern: 'diurnal', cpuBasePct: 10, cpuPeakPct: 60, memActivePct: 20, noisePct: 0, phaseHours: 10 },
      'vm',
    );
    expect(evalWorkload(tokyo, st, 1, clock(MONDAY + 2 * 3600e3), sample()).cpuFrac).toBeCloseTo(0.6);
    const weekly = workloadParams(
      { pattern: 'weekly', cpuBasePct: 0, cpuPeakPct: 100, memActivePct: 20, noisePct: 0 },
      'vm',
    );
    const saturdayNoon = MONDAY + (5 * 24 + 12) * 3600e3;
    expect(evalWorkload(weekly, st, 1, clock(saturdayNoon), sample()).cpuFrac).toBeCloseTo(0.15);
  });

  it('growth compounds per 30-day month', () => {
    const p = workloadParams(
      {
        pattern: 'constant',
        cpuBasePct: 10,
        cpuPeakPct: 10,
        memActivePct: 20,
        noisePct: 0,
        growthPctPerMonth: 10,
      },
      'vm',
    );
    const c = clock(MONDAY, 0);
    setClock(c, 0, 2 * 30 * 86400, MONDAY);
    expect(evalWorkload(p, { walk: 0, burstLeftSec: 0 }, 1, c, sample()).cpuFrac).toBeCloseTo(0.1 * 1.21);
  });

  it('noise is deterministic per (seed, guest, tick) and has roughly the asked spread', () => {
    const p = workloadParams(
      { pattern: 'constant', cpuBasePct: 50, cpuPeakPct: 50, memActivePct: 20, noisePct: 10 },
      'vm',
    );
    const xs: number[] = [];
    for (let t = 0; t < 4000; t++)
      xs.push(evalWorkload(p, { walk: 0, burstLeftSec: 0 }, 7, clock(MONDAY, t), sample()).cpuFrac);
    const again = evalWorkload(p, { walk: 0, burstLeftSec: 0 }, 7, clock(MONDAY, 123), sample()).cpuFrac;
    expect(again).toBe(xs[123]);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sd).toBeGreaterThan(0.04);
    expect(sd).toBeLessThan(0.06);
  });

  it('bursts start at about the configured rate and last the configured time', () => {
    const p = workloadParams(
      {
        pattern: 'bursty',
        cpuBasePct: 0,
        cpuPeakPct: 100,
        memActivePct: 20,
        noisePct: 0,
        burstChancePctPerHour: 50,
        burstMinutes: 10,
      },
      'vm',
    );
    const st = { walk: 0, burstLeftSec: 0 };
    let busy = 0;
    const ticks = 180 * 200; // 200 hours
    for (let t = 0; t < ticks; t++)
      if (evalWorkload(p, st, 3, clock(MONDAY, t), sample()).cpuFrac > 0.5) busy++;
    // A burst every ~2 h of idle time, lasting 10 min: busy fraction ≈ 10 / (120 + 10) ≈ 7.7 %.
    expect(busy / ticks).toBeGreaterThan(0.05);
    expect(busy / ticks).toBeLessThan(0.11);
  });

  it('traces interpolate linearly and loop', () => {
    expect(traceValue([0, 100], undefined, 300, 150)).toBeCloseTo(50);
    expect(traceValue([0, 100], undefined, 300, 600 + 150)).toBeCloseTo(50);
    expect(traceValue([10, 20, 40], [0, 10, 30], 0, 20)).toBeCloseTo(30);
  });
});

describe('trace parsers', () => {
  it('parses CSV time,cpu_pct[,mem_pct] with a header', () => {
    const r = parseCsvTrace('t', 'csv', 'time,cpu_pct,mem_pct\n100,10,20\n160,30,40\n');
    expect(r.ok && r.value).toEqual({
      id: 't',
      name: 'csv',
      stepSec: 60,
      timesSec: [0, 60],
      cpuPct: [10, 30],
      memPct: [20, 40],
    });
  });
  it('rejects bad CSV with the line number', () => {
    const r = parseCsvTrace('t', 'csv', '0,10\n60,abc\n');
    expect(!r.ok && r.error.message).toContain('line 2');
    const back = parseCsvTrace('t', 'csv', '0,10\n0,20\n');
    expect(!back.ok && back.error.message).toContain('increase');
  });
  it('parses PlanetLab text: one CPU % per line, 300 s apart (real files: src/main/cli/commands/simulate.test.ts)', () => {
    const r = parsePlanetLabTrace('pl', 'node-1', '12\n40\n\n7\n');
    expect(r.ok && r.value).toEqual({ id: 'pl', name: 'node-1', stepSec: 300, cpuPct: [12, 40, 7] });
    const bad = parsePlanetLabTrace('pl', 'node-1', '12\n140\n');
    expect(!bad.ok && bad.error.message).toContain('line 2');
  });
});

describe('workload params interning', () => {
  it('shares one params object between guests with the same filled-in workload, and only then', () => {
    const a = workloadParams({ pattern: 'diurnal', cpuBasePct: 5, cpuPeakPct: 50, memActivePct: 30 }, 'vm');
    const b = workloadParams(
      { pattern: 'diurnal', cpuBasePct: 5, cpuPeakPct: 50, memActivePct: 30, noisePct: 5 },
      'vm',
    );
    expect(b).toBe(a); // noisePct 5 is the default: the same filled-in params
    const c = workloadParams(
      { pattern: 'diurnal', cpuBasePct: 5, cpuPeakPct: 50, memActivePct: 30 },
      'container',
    );
    expect(c).not.toBe(a); // container defaults differ (iopsPeak 10, netPeakMbps 5)
    expect(c.iopsPeak).toBe(10);
    const d = workloadParams(
      { pattern: 'diurnal', cpuBasePct: 5, cpuPeakPct: 50, memActivePct: 30, phaseHours: -0 },
      'vm',
    );
    expect(d).not.toBe(a);
    expect(Object.is(d.phaseHours, -0)).toBe(true);
  });
});

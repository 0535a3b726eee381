/**
 * Measures how long the calling thread's event loop is blocked while some work runs (issue 21: no request
 * blocks the service more than 100 ms). A 1-ms timer probes the loop; each gap between two firings is a
 * block. Besides its wall time, each gap gets the thread's own CPU time over it (Linux
 * /proc/thread-self/schedstat: nanoseconds this thread ran on a CPU), so a gap stretched by the OS
 * descheduling the process on a loaded machine is told apart from a long step of our own: `blockCpuMs`
 * is the work the longest gap held, `longestCpuMs` the most CPU any single gap held (the figure a quiet
 * machine would show as its wall time).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance, PerformanceObserver } from 'node:perf_hooks';

/** This thread's CPU time in ms (null where /proc does not say it). */
export function threadCpuMs(): number | null {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

export interface Measured {
  /** How long the call took to answer (wall). */
  latencyMs: number;
  /** The longest gap of the probe (wall): how long everyone else waited at most. */
  blockMs: number;
  /** The thread's CPU time within that longest gap. */
  blockCpuMs: number | null;
  /** The most CPU time of this thread within any one gap. */
  longestCpuMs: number | null;
  /** What `opts.phase` said just before and just after that gap (where the work was). */
  longestCpuPhase: string | null;
  /** The thread's CPU over the whole call, and the process's (all threads). */
  threadCpuMs: number | null;
  processCpuMs: number;
  /** The longest garbage-collection pause of the process meanwhile (V8 stops this thread for it). */
  longestGcMs: number;
  /** 1-minute load average at the start and the end. */
  load: [number, number];
  result: unknown;
}

export async function measure(
  fn: () => Promise<unknown>,
  opts: { phase?: () => string } = {},
): Promise<Measured> {
  const load0 = loadavg()[0]!;
  const cpu0 = threadCpuMs();
  const proc0 = process.cpuUsage();
  let last = performance.now();
  let lastCpu = cpu0;
  let worst = 0;
  let worstCpu: number | null = null;
  let longestCpu: number | null = null;
  let longestCpuPhase: string | null = null;
  let lastPhase = opts.phase?.() ?? '';
  const sample = () => {
    const now = performance.now();
    const cpu = threadCpuMs();
    const gap = now - last;
    const gapCpu = cpu !== null && lastCpu !== null ? cpu - lastCpu : null;
    if (gap > worst) {
      worst = gap;
      worstCpu = gapCpu;
    }
    const phase = opts.phase?.() ?? '';
    if (gapCpu !== null && gapCpu > (longestCpu ?? 0)) {
      longestCpu = gapCpu;
      longestCpuPhase = lastPhase === phase ? phase : `${lastPhase} → ${phase}`;
    }
    last = now;
    lastCpu = cpu;
    lastPhase = phase;
  };
  let longestGc = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longestGc = Math.max(longestGc, e.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  const probe = setInterval(sample, 1);
  const t0 = performance.now();
  const result = await fn();
  const latencyMs = performance.now() - t0;
  sample();
  clearInterval(probe);
  gc.disconnect();
  const cpu1 = threadCpuMs();
  const proc = process.cpuUsage(proc0);
  return {
    latencyMs,
    blockMs: worst,
    blockCpuMs: worstCpu,
    longestCpuMs: longestCpu,
    longestCpuPhase: opts.phase ? longestCpuPhase : null,
    threadCpuMs: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null,
    processCpuMs: (proc.user + proc.system) / 1000,
    longestGcMs: longestGc,
    load: [load0, loadavg()[0]!],
    result,
  };
}

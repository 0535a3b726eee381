/** Timing of engine.step(), shared by engine.bench.ts (under tsx) and engine-shipped.ts (bundled). */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface TickTimes {
  wallMs: number;
  minMs: number;
  cpuMs: number;
  p90Ms: number;
  /** Mean CPU ms per tick of the calling thread alone (Linux /proc, 10-ms clock ticks over the whole loop; −1 elsewhere). */
  threadCpuMs: number;
}

/** CPU ms of the calling thread so far (utime + stime from /proc/thread-self/stat), −1 when unavailable. */
export function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return -1;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}

/** Median (and minimum, p90) wall and median CPU milliseconds per tick after `warm` ticks. */
export function tickTimes(e: { step(): unknown }, warm: number, n: number): TickTimes {
  for (let i = 0; i < warm; i++) e.step();
  const wall: number[] = [];
  const cpu: number[] = [];
  const th0 = threadCpuMs();
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    e.step();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const th1 = threadCpuMs();
  const sorted = [...wall].sort((a, b) => a - b);
  return {
    wallMs: median(wall),
    minMs: sorted[0] ?? 0,
    cpuMs: median(cpu),
    p90Ms: sorted[Math.floor(sorted.length * 0.9)] ?? 0,
    threadCpuMs: th0 < 0 || th1 < 0 || n === 0 ? -1 : (th1 - th0) / n,
  };
}

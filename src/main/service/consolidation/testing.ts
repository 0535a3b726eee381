/** Test helpers: a small synthetic PlanetLab-format workload folder in a temp dir. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TraceInput } from '../../engine/consolidation';

/** Deterministic CPU % samples of VM `i` (a daily wave plus a per-VM offset; 0-100, sometimes 0). */
export function syntheticSamples(i: number): number[] {
  return Array.from({ length: 288 }, (_, k) => {
    const wave = 45 + 40 * Math.sin((2 * Math.PI * (k + 17 * i)) / 288);
    const jitter = ((k * 31 + i * 17) % 23) - 11;
    return Math.max(0, Math.min(100, Math.round(wave + jitter)));
  });
}

/** Writes `count` trace files (vm-00 …) into dir; answers the traces as the engine takes them. */
export function writeSyntheticWorkload(dir: string, count: number): TraceInput[] {
  mkdirSync(dir, { recursive: true });
  const traces: TraceInput[] = [];
  for (let i = 0; i < count; i++) {
    const name = `vm-${String(i).padStart(2, '0')}`;
    const samples = syntheticSamples(i);
    writeFileSync(join(dir, name), `${samples.join('\n')}\n`);
    traces.push({ name, samples });
  }
  return traces;
}

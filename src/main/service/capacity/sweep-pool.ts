/**
 * Runs the futures of a sweep on worker threads (./sweep-worker.ts), K at a time, and aggregates them.
 * Which worker runs which future never changes a result: each future depends only on (input, index), and
 * the aggregate sorts futures by index (./sweep.ts).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { aggregateSweep, shardIndices, type FutureResult, type SweepInput, type SweepResult } from './sweep';

export type ToSweepWorker = { type: 'input'; input: SweepInput } | { type: 'future'; index: number };
export type FromSweepWorker =
  | { type: 'ticks'; index: number; done: number }
  | { type: 'result'; result: FutureResult }
  | { type: 'error'; index: number; message: string };

/** The worker's entry: the bundled file beside this code in a build, the TypeScript source under tsx/vitest. */
function makeWorker(): Worker {
  const bundled = [join(__dirname, 'sweep-worker.js'), join(__dirname, '..', 'sweep-worker.js')].find((f) =>
    existsSync(f),
  );
  if (bundled) return new Worker(bundled);
  const source = join(__dirname, 'sweep-worker.ts');
  if (existsSync(source))
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true });
  throw new Error(
    `Cannot find the sweep worker (looked for sweep-worker.js beside ${__dirname} and for ${source}).`,
  );
}

export const defaultWorkers = (): number => Math.max(1, availableParallelism());

export interface SweepRunOptions {
  workers?: number;
  shard?: { index: number; count: number } | null;
  /** Ticks done over all futures of this run, and the total. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export class SweepCancelled extends Error {
  constructor() {
    super('The sweep was cancelled.');
  }
}

export async function runSweep(input: SweepInput, o: SweepRunOptions = {}): Promise<SweepResult> {
  const indices = shardIndices(input.options.runs, o.shard ?? null);
  const ticksPerFuture =
    input.options.horizonDays * Math.max(1, Math.round(86_400 / input.options.tickSeconds));
  const total = indices.length * ticksPerFuture;
  const k = Math.max(1, Math.min(o.workers ?? defaultWorkers(), indices.length));
  const results: FutureResult[] = [];
  const ticks = new Map<number, number>();
  let doneTicks = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let finished = 0;
      let failed = false;
      const fail = (e: Error) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      if (o.signal?.aborted) return fail(new SweepCancelled());
      o.signal?.addEventListener('abort', () => fail(new SweepCancelled()), { once: true });
      if (indices.length === 0) return resolve();
      const feed = (w: Worker) => {
        if (next < indices.length)
          w.postMessage({ type: 'future', index: indices[next++]! } satisfies ToSweepWorker);
      };
      for (let i = 0; i < k; i++) {
        const w = makeWorker();
        workers.push(w);
        w.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
        w.on('exit', (code) => {
          if (!failed && finished < indices.length)
            fail(new Error(`a sweep worker stopped (exit code ${code})`));
        });
        w.on('message', (m: FromSweepWorker) => {
          if (failed) return;
          if (m.type === 'ticks') {
            doneTicks += m.done - (ticks.get(m.index) ?? 0);
            ticks.set(m.index, m.done);
            o.onProgress?.(doneTicks, total);
          } else if (m.type === 'error') {
            fail(new Error(`future ${m.index}: ${m.message}`));
          } else {
            results.push(m.result);
            finished++;
            if (finished === indices.length) resolve();
            else feed(w);
          }
        });
        w.postMessage({ type: 'input', input } satisfies ToSweepWorker);
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return aggregateSweep(input, results, o.shard ?? null);
}

/**
 * A sweep worker thread (./sweep-pool.ts starts it): receives the sweep's input once, then future
 * indices one at a time, and answers each with its result. Progress is reported in ticks.
 */
import { parentPort } from 'node:worker_threads';
import { runFuture, type SweepInput } from './sweep';
import type { FromSweepWorker, ToSweepWorker } from './sweep-pool';

if (!parentPort) throw new Error('The sweep worker must run in a worker thread.');
const port = parentPort;
const post = (m: FromSweepWorker) => port.postMessage(m);
let input: SweepInput | null = null;

port.on('message', (m: ToSweepWorker) => {
  if (m.type === 'input') {
    input = m.input;
    return;
  }
  if (!input) {
    post({ type: 'error', index: m.index, message: 'the sweep worker got a future before its input' });
    return;
  }
  try {
    const result = runFuture(input, m.index, (done) => post({ type: 'ticks', index: m.index, done }));
    post({ type: 'result', result });
  } catch (e) {
    post({ type: 'error', index: m.index, message: e instanceof Error ? e.message : String(e) });
  }
});

/**
 * Thread entry of the off-thread tasks (./run-task.ts starts one thread per task): runs the task's steps
 * (./tasks.ts), posts its progress at most every 100 ms and its result, and checks between steps whether
 * the service asked it to stop or cancel (a shared flag: a busy thread does not read messages).
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { apiErr } from '../../../shared/errors';
import { setSqliteNativeBinding } from '../../store';
import { CONTROL_CANCEL, transferListOf, type FromTask, type TaskWorkerData } from './protocol';
import { taskSteps } from './tasks';

if (!parentPort) throw new Error('The task worker must run in a worker thread.');
const port = parentPort;
const post = (m: FromTask) => port.postMessage(m);
// A result marked withTransfer hands its buffers over without a copy.
const postResult = (result: Extract<FromTask, { type: 'result' }>['result']) =>
  port.postMessage({ type: 'result', result } satisfies FromTask, transferListOf(result));
const data = workerData as TaskWorkerData;
if (data.sqliteNativeBinding) setSqliteNativeBinding(data.sqliteNativeBinding);
const control = new Int32Array(data.control);
const read = () => Atomics.load(control, 0);

post({ type: 'started', threadId });
const steps = taskSteps(data.input, read);
let lastPost = 0;
void (async () => {
  try {
    for (;;) {
      if (read() === CONTROL_CANCEL) {
        // Ends the generator: its cleanup (finally blocks) leaves files as they were.
        steps.return(apiErr('CONFLICT', 'cancelled'));
        post({ type: 'result', result: apiErr('CONFLICT', 'cancelled') });
        break;
      }
      const r = steps.next();
      if (r.done) {
        postResult(r.value);
        break;
      }
      if (r.value instanceof Promise) {
        // Async work inside a step (e.g. writing a workbook): wait for it, then go on.
        await r.value;
        continue;
      }
      const now = performance.now();
      if (r.value && (r.value.label !== undefined || now - lastPost >= 100)) {
        lastPost = now;
        post({ type: 'progress', ...r.value });
      }
    }
  } catch (e) {
    post({
      type: 'result',
      result: apiErr('INTERNAL', `${data.input.kind} failed: ${e instanceof Error ? e.message : String(e)}`),
    });
  }
})();

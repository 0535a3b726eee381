/**
 * Thread entry of the off-thread import (import-off-thread.ts): parses the files and builds the scenario
 * in its own heap, so the service thread keeps answering and a huge file cannot take the service's memory.
 */
import { parentPort } from 'node:worker_threads';
import { importInventory } from './import';
import type { InputFile } from './types';

if (!parentPort) throw new Error('The import worker must run in a worker thread.');
const port = parentPort;
port.once('message', (m: { files: InputFile[]; opts: { name?: string } }) => {
  importInventory(m.files, m.opts).then(
    (outcome) => port.postMessage({ ok: true, outcome }),
    (e: unknown) => port.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) }),
  );
});

/**
 * Runs the inventory import (parse + mapping, import.ts) in a worker thread with a bounded heap: the
 * service thread stays free while a 300,000-row file is read (it used to freeze the service for 18 s),
 * the import cannot take more than IMPORT_HEAP_MB of memory (a file that needs more is refused with a
 * message naming the limit, and the service lives on), and a cancel terminates the thread.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportOutcome } from './import';
import type { InputFile } from './types';

/** Heap of the import thread (old generation), in MiB. */
export const IMPORT_HEAP_MB = 1024;

function makeImportWorker(maxHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  // In a build this code sits in out/main/ or out/main/chunks/, next to or below out/main/import-worker.js.
  const bundled = [join(__dirname, 'import-worker.js'), join(__dirname, '..', 'import-worker.js')].find((f) =>
    existsSync(f),
  );
  if (bundled) return new Worker(bundled, { resourceLimits });
  const source = join(__dirname, 'import-worker.ts');
  if (existsSync(source))
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, {
      eval: true,
      resourceLimits,
    });
  throw new Error(
    `Cannot find the import worker (looked for import-worker.js beside ${__dirname} and for ${source}).`,
  );
}

export type OffThreadResult =
  | { ok: true; outcome: ImportOutcome & { scenarioJson?: string | null; scenarioName?: string | null } }
  | { ok: false; message: string; outOfMemory?: boolean };

export interface ImportRun {
  result: Promise<OffThreadResult>;
  cancel(): void;
}

/**
 * `previewOnly`: the outcome's scenario comes back null (receiving a 300,000-VM scenario costs the service
 * thread seconds); `scenarioAsJson`: it comes back as JSON text in `scenarioJson` (one string to pass on).
 */
export function importOffThread(
  files: InputFile[],
  opts: { name?: string; previewOnly?: boolean; scenarioAsJson?: boolean } = {},
  maxHeapMb = IMPORT_HEAP_MB,
): ImportRun {
  const worker = makeImportWorker(maxHeapMb);
  let cancelled = false;
  const result = new Promise<OffThreadResult>((resolve) => {
    let done = false;
    const finish = (r: OffThreadResult) => {
      if (done) return;
      done = true;
      resolve(r);
      void worker.terminate();
    };
    worker.once('message', (m: OffThreadResult) => finish(m));
    worker.once('error', (e: Error & { code?: string }) =>
      finish(
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? {
              ok: false,
              outOfMemory: true,
              message: `Reading the import needed more than ${maxHeapMb} MiB of memory, the limit for an import. Import fewer or smaller files (vInfo, vHost, vCluster and vDatastore suffice).`,
            }
          : { ok: false, message: `The import failed: ${e.message}` },
      ),
    );
    worker.once('exit', () =>
      finish({
        ok: false,
        message: cancelled ? 'The import was cancelled.' : 'The import stopped unexpectedly.',
      }),
    );
    // Copies: the caller's buffers stay usable (an upload can be previewed, then applied).
    worker.postMessage({
      files: files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })),
      opts: opts.name === undefined ? {} : { name: opts.name },
      previewOnly: opts.previewOnly === true,
      scenarioAsJson: opts.scenarioAsJson === true,
    });
  });
  return {
    result,
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}

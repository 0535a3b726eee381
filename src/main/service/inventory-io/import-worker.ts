/**
 * Thread entry of the off-thread import (import-off-thread.ts): parses the files and builds the scenario
 * in its own heap, so the service thread keeps answering and a huge file cannot take the service's memory.
 */
import { parentPort } from 'node:worker_threads';
import { importInventory } from './import';
import type { InputFile } from './types';

if (!parentPort) throw new Error('The import worker must run in a worker thread.');
const port = parentPort;
port.once(
  'message',
  (m: { files: InputFile[]; opts: { name?: string }; previewOnly: boolean; scenarioAsJson?: boolean }) => {
    importInventory(m.files, m.opts).then(
      // A preview does not need the scenario: not sending it saves the service thread deserialising it.
      // As JSON text it passes through the service thread as one string, never turned into objects there.
      (outcome) =>
        port.postMessage({
          ok: true,
          outcome: m.previewOnly
            ? { ...outcome, scenario: null }
            : m.scenarioAsJson
              ? {
                  ...outcome,
                  scenario: null,
                  scenarioJson: outcome.scenario ? JSON.stringify(outcome.scenario) : null,
                  scenarioName: outcome.scenario?.name ?? null,
                }
              : outcome,
        }),
      (e: unknown) => port.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) }),
    );
  },
);

/**
 * Headless recording for the CLI: runs a scenario into a workspace file (created from the scenario
 * when it does not exist, continued from its last checkpoint when it does), through the same Session
 * the app uses, so the file opens in the console with its full history.
 */
import { existsSync } from 'node:fs';
import type { TickResult } from '../engine/api';
import type { ApiResult } from '../../shared/errors';
import { apiErr, apiOk } from '../../shared/errors';
import type { OpenOptions } from '../store';
import { Session, type SessionHooks } from './session';
import { createWorkspaceFile, openWorkspaceFile, workspaceDisplayName } from './workspaces';

/**
 * A headless run only appends ticks and checkpoints: its automatic flushes go to the store's writer
 * thread, so SQLite works on another core while the next ticks run (docs/store.md, "Writer thread").
 */
const RECORDING: OpenOptions = { writerThread: true };

const quietHooks: SessionHooks = { onTick: () => {}, onClockChange: () => {} };

export interface RecordedRun {
  session: Session;
  /** True when the file existed and the run continues it. */
  continued: boolean;
  /** Runs one tick and records it. */
  step(): TickResult;
  /** Writes a final checkpoint and closes the file. */
  finish(): ApiResult<null>;
}

export function openRecordedRun(args: {
  path: string;
  scenario: unknown;
  seed?: number;
}): ApiResult<RecordedRun> {
  let session: Session;
  let continued = false;
  if (existsSync(args.path)) {
    const ws = openWorkspaceFile(args.path, RECORDING);
    if (!ws.ok) return ws;
    // Check before running anything: a run into a file that cannot be written would fail only at its end.
    if (ws.value.meta().readOnly) {
      ws.value.close();
      return apiErr(
        'WORKSPACE_ERROR',
        `${args.path} cannot be written (it is read-only or immutable), so the run cannot be recorded in it. Copy it somewhere writable, or run without --workspace.`,
        { path: args.path },
      );
    }
    const opened = Session.open(ws.value, quietHooks);
    if (!opened.ok) {
      ws.value.close();
      return opened;
    }
    session = opened.value;
    continued = true;
  } else {
    const name = workspaceDisplayName(args.path);
    const created = Session.create({
      scenario: args.scenario,
      ...(args.seed === undefined ? {} : { seed: args.seed }),
      path: args.path,
      name,
      hooks: quietHooks,
      createWorkspace: (file, engine, n) => createWorkspaceFile(file, engine, n, engine.seed, RECORDING),
    });
    if (!created.ok) return created;
    session = created.value;
  }
  return apiOk({
    session,
    continued,
    step: () => session.step(),
    finish: () => {
      const r = session.checkpoint();
      session.close();
      return r;
    },
  });
}

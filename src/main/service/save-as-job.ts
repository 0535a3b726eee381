/**
 * `workspace.saveAs` as a job (issue 21: it blocked the service ≈ 0.5 s). The clock is held from the
 * start (the copy is the simulation as it stands; the history buffered so far is flushed), the copy —
 * consistent through a connection of its own, cut at the held tick, with a fresh checkpoint — is made
 * in a task thread, and the service then continues in the copy. A command that changed the simulation
 * while the copy was made makes it again (the user's own new file is replaced, nothing else).
 */
import { apiErr, type ApiResult } from '../../shared/errors';
import type { WorkspaceInfoView } from '../../shared/schemas/views';
import { runTaskOffThread, type TaskRun } from './off-thread/run-task';
import { watchChanges } from './live-state';
import type { Session } from './session';
import type { VdcService } from './vdc-service';
import { basename } from 'node:path';

/** Copies made again because a command changed the simulation meanwhile, before giving up. */
const MAX_COPIES = 3;

export function saveAsJob(
  svc: VdcService,
  session: Session,
  target: { path: string; overwrite: boolean },
): Promise<ApiResult<WorkspaceInfoView>> {
  const from = session.workspace!.path;
  if (!session.runnable)
    return Promise.resolve(
      apiErr(
        'INVALID_STATE',
        'The simulation is not in a consistent state after a failed tick; nothing was saved. Reopen the workspace.',
      ),
    );
  return svc.jobs.runTask<WorkspaceInfoView>(
    'workspace.saveAs',
    `Saving a copy as ${basename(target.path)}`,
    (progress) => {
      let cancelled = false;
      let run: TaskRun<{ path: string }> | null = null;
      const result = (async (): Promise<ApiResult<WorkspaceInfoView>> => {
        const release = session.clock.hold();
        const watch = watchChanges(session);
        let overwrite = target.overwrite;
        try {
          for (let copy = 1; ; copy++) {
            watch.reset();
            const flushed = session.flush();
            if (!flushed.ok) return flushed;
            run = runTaskOffThread<{ path: string }>(
              { kind: 'workspace.copy', from, to: target.path, overwrite, tick: session.engine.tick },
              progress,
            );
            const copied = await run.result;
            if (cancelled) return apiErr('CONFLICT', 'cancelled');
            if (!copied.ok) return copied;
            if (svc.session !== session)
              return apiErr(
                'CONFLICT',
                `The workspace was closed while it was being saved; the copy ${target.path} holds it as it was.`,
              );
            if (!watch.changed()) break;
            if (copy >= MAX_COPIES)
              return apiErr(
                'CONFLICT',
                `The simulation changed while it was being saved (commands); ${target.path} holds it as it was before them. Save again to include them.`,
              );
            // The file is the copy this job just made: replacing it is replacing our own work.
            overwrite = true;
          }
          // Still held: no tick runs on the old file before the service continues in the copy.
          return await Promise.resolve(svc.openWorkspace(target.path));
        } finally {
          watch.stop();
          release();
        }
      })();
      return {
        result,
        cancel: () => {
          cancelled = true;
          run?.cancel();
        },
        get threadId() {
          return run?.threadId ?? null;
        },
      };
    },
  );
}

/**
 * `workspace.saveAs` as a job (issue 21: it blocked the service ≈ 0.5 s, then ≈ 4 s for opening the copy
 * in one step). The clock is held from the start (the copy is the simulation as it stands; the history
 * buffered so far is flushed), the copy — consistent through a connection of its own, cut at the held
 * tick, with a fresh checkpoint — is made in a task thread, then loaded as workspace.open loads a file
 * (restored in a thread, then here in slices: workspace-load.ts), and the service switches to it in one
 * short step. Until then the old workspace answers every request. A command that changed the simulation
 * while the copy was made or loaded makes it again (the user's own new file is replaced, nothing else).
 */
import { apiErr, type ApiResult } from '../../shared/errors';
import type { WorkspaceInfoView } from '../../shared/schemas/views';
import { runTaskOffThread, type TaskRun } from './off-thread/run-task';
import type { StartedTask } from './jobs';
import type { Adopted } from './workspace-load';
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
  const closedMeanwhile = () =>
    apiErr(
      'CONFLICT',
      `The workspace was closed while it was being saved; the copy ${target.path} holds it as it was.`,
    );
  const changedMeanwhile = () =>
    apiErr(
      'CONFLICT',
      `The simulation changed while it was being saved (commands); ${target.path} holds it as it was before them. Save again to include them.`,
    );
  return svc.jobs.runTask<WorkspaceInfoView>(
    'workspace.saveAs',
    `Saving a copy as ${basename(target.path)}`,
    (progress) => {
      let cancelled = false;
      let run: TaskRun<{ path: string }> | null = null;
      let load: StartedTask<Adopted> | null = null;
      // The copy counts for 40 % of the progress, loading it for the rest.
      const copyProgress = (p: { progress: number; label?: string }) =>
        progress({ ...p, progress: 0.4 * p.progress });
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
              copyProgress,
            );
            const copied = await run.result;
            if (cancelled) return apiErr('CONFLICT', 'cancelled');
            if (!copied.ok) return copied;
            if (svc.session !== session) return closedMeanwhile();
            // The file is the copy this job just made: replacing it is replacing our own work.
            overwrite = true;
            if (watch.changed()) {
              if (copy >= MAX_COPIES) return changedMeanwhile();
              continue;
            }
            // Still held: no tick runs on the old file before the service continues in the copy.
            load = svc.startLoad({ kind: 'workspace.load', path: target.path }, (p) =>
              progress({ ...p, progress: 0.4 + 0.6 * p.progress }),
            );
            const loaded = await load.result;
            if (cancelled) {
              if (loaded.ok) loaded.value.session.close();
              return apiErr('CONFLICT', 'cancelled');
            }
            if (!loaded.ok)
              return {
                ok: false,
                error: {
                  ...loaded.error,
                  message: `The copy was saved as ${target.path}, but cannot be continued in: ${loaded.error.message}`,
                },
              };
            if (svc.session !== session) {
              loaded.value.session.close();
              return closedMeanwhile();
            }
            if (watch.changed()) {
              // A command changed the simulation while the copy was loaded: copy again.
              loaded.value.session.close();
              if (copy >= MAX_COPIES) return changedMeanwhile();
              continue;
            }
            return svc.switchTo(loaded.value.session, loaded.value.latest, false);
          }
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
          load?.cancel();
        },
        get threadId() {
          return load?.threadId ?? run?.threadId ?? null;
        },
      };
    },
  );
}

/** One handler per API method. Params arrive already validated by the contract's zod schemas. */
import type { MethodName } from '../../shared/methods';
import type { ParsedParams, ResultOf } from '../../shared/contract';
import { apiErr, apiOk, type ApiResult } from '../../shared/errors';
import type { InventoryNodeView } from '../../shared/schemas/views';
import { builtinScenarios, type Command } from '../engine';
import { appVersion } from './version';
import { fromEngine, fromStore } from './errors';
import type { VdcService } from './vdc-service';
import { makeCapacityHandlers } from './handlers-capacity';
import { makeDemoHandlers } from './handlers-demo';
import { makeConsolidationHandlers } from './handlers-consolidation';
import { clampRange, makeOpsHandlers } from './handlers-ops';
import { makePoolHandlers } from './handlers-pools';
import {
  isInside,
  listDataWorkspaces,
  removeWorkspaceFile,
  storeUploadedWorkspace,
  WORKSPACE_EXT,
} from './workspaces';
import { mkdirSync } from 'node:fs';
import { saveAsJob } from './save-as-job';
import { join } from 'node:path';

/** The handler of method M: its parsed params in, its contract result out (checked by tsc against the zod result schema). */
export type Handler<M extends MethodName> = (
  clientId: string,
  p: ParsedParams<M>,
) => ApiResult<ResultOf<M>> | Promise<ApiResult<ResultOf<M>>>;
export type Handlers = { [M in MethodName]: Handler<M> };
/** The handlers of a subset of the methods (one domain module). */
export type HandlersOf<K extends MethodName> = Pick<Handlers, K>;

export function makeHandlers(svc: VdcService): Handlers {
  const withSession = <T>(fn: (s: NonNullable<VdcService['session']>) => ApiResult<T>): ApiResult<T> => {
    const s = svc.requireSession();
    return s.ok ? fn(s.value) : s;
  };
  const withWorkspace = <T>(
    fn: (ws: NonNullable<NonNullable<VdcService['session']>['workspace']>) => ApiResult<T>,
  ): ApiResult<T> =>
    withSession((s) =>
      s.workspace
        ? fn(s.workspace)
        : apiErr('NO_WORKSPACE', 'This simulation is not recorded in a workspace, so it has no history.'),
    );

  /**
   * Events and tasks roll up as alarms do: a cluster's or datacenter's query covers every object under it
   * in the inventory now (its hosts, VMs, containers, datastores, …) besides its own records.
   */
  const rollUp = <Q extends { objectId?: string | undefined; includeChildren?: boolean | undefined }>(
    query: Q,
  ): Omit<Q, 'includeChildren'> & { objectIds?: string[] } => {
    const { includeChildren, ...q } = query;
    const s = svc.session;
    if (!q.objectId || !s || includeChildren === false) return q;
    const find = (nodes: InventoryNodeView[]): InventoryNodeView | null => {
      for (const n of nodes) {
        if (n.id === q.objectId) return n;
        const f = find(n.children ?? []);
        if (f) return f;
      }
      return null;
    };
    const node = find(s.engine.inventory());
    if (!node || (!includeChildren && node.kind !== 'cluster' && node.kind !== 'datacenter')) return q;
    const ids: string[] = [];
    const walk = (n: InventoryNodeView): void => {
      ids.push(n.id);
      for (const c of n.children ?? []) walk(c);
    };
    walk(node);
    const { objectId: _own, ...rest } = q;
    return { ...rest, objectIds: ids } as Omit<Q, 'includeChildren'> & { objectIds: string[] };
  };

  return {
    'app.info': () => apiOk({ name: 'VDC Studio', version: appVersion(), shell: svc.options.shell }),
    'clock.get': () => apiOk(svc.clockState()),
    'clock.play': () =>
      withSession((s) => {
        if (!s.runnable)
          return apiErr(
            'INVALID_STATE',
            `${s.fault?.message ?? 'The simulation cannot continue.'} Reopen the workspace to continue.`,
          );
        s.fault = null;
        s.clock.play();
        return apiOk(svc.clockState());
      }),
    'clock.pause': () => withSession((s) => (s.clock.pause(), apiOk(svc.clockState()))),
    'clock.step': async (_c, p) => {
      const s = svc.requireSession();
      if (!s.ok) return s;
      if (!s.value.runnable)
        return apiErr(
          'INVALID_STATE',
          `${s.value.fault?.message ?? 'The simulation cannot continue.'} Reopen the workspace to continue.`,
        );
      s.value.fault = null;
      const r = await s.value.clock.stepTicks(p.ticks);
      if (r.error !== undefined) {
        // Each tick is all or nothing: the ticks before the failing one stand, the failing one was rolled back.
        const failure: unknown = r.error;
        // (re-read: the failed step set it after the reset above)
        const fault = s.value.fault as { message: string } | null;
        const message = fault?.message ?? (failure instanceof Error ? failure.message : String(failure));
        return apiErr('INTERNAL', `${r.ran} of ${p.ticks} tick(s) ran. ${message}`, {
          ticksRun: r.ran,
          clock: svc.clockState(),
        });
      }
      return apiOk(svc.clockState());
    },
    'clock.setSpeed': (_c, p) => withSession((s) => (s.clock.setSpeed(p.speed), apiOk(svc.clockState()))),
    'meta.catalog': () => withSession((s) => apiOk(s.engine.catalog())),
    'meta.scenarios': () =>
      apiOk(builtinScenarios.map((b) => ({ id: b.id, name: b.name, description: b.description }))),
    'inventory.tree': () => withSession((s) => apiOk(s.engine.inventory())),
    'entity.describe': (_c, p) => withSession((s) => fromEngine(s.engine.describe(p.id))),
    'entity.list': (_c, p) => withSession((s) => apiOk(s.engine.list(p.kind, p.parentId))),
    'command.execute': (_c, p) => withSession((s) => s.execute(p.command as Command)),
    'migration.precheck': (_c, p) =>
      withSession((s) => fromEngine(s.engine.precheckMigration(p.vmId, p.hostId))),
    'placement.explain': (_c, p) => withSession((s) => fromEngine(s.engine.explainPlacement(p.spec))),
    'live.subscribe': (clientId, p) => {
      svc.hub.subscribe(clientId, p.entityIds, p.metrics);
      return apiOk({ entityIds: p.entityIds, metrics: p.metrics });
    },
    'history.series': (_c, p) =>
      withWorkspace((ws) => {
        svc.session?.flush();
        return fromStore(ws.querySeries(p));
      }),
    'history.topN': (_c, p) =>
      withWorkspace((ws) => {
        svc.session?.flush();
        return fromStore(ws.topN(p));
      }),
    'events.query': (_c, p) =>
      withWorkspace((ws) => {
        svc.session?.flush();
        return fromStore(ws.queryEvents(rollUp(clampRange(p, ws.meta().lastTime))));
      }),
    'tasks.query': (_c, p) =>
      withWorkspace((ws) => {
        svc.session?.flush();
        return fromStore(ws.queryTasks(rollUp(clampRange(p, ws.meta().lastTime))));
      }),
    'alarms.query': (_c, p) =>
      withWorkspace((ws) => {
        svc.session?.flush();
        return fromStore(ws.queryAlarms(p));
      }),
    'alarms.acknowledge': (_c, p) =>
      withSession((s) => {
        const alarm = s.alarms.acknowledge(p.alarmId);
        if (!alarm) return apiErr('NOT_FOUND', `There is no active alarm "${p.alarmId}".`);
        if (s.workspace) s.workspace.acknowledgeAlarm(alarm.id);
        svc.hub.alarms([alarm]);
        return apiOk(alarm);
      }),
    'workspace.current': () => apiOk(svc.workspaceInfo()),
    'workspace.recent': () => apiOk(svc.recent.read().recent),
    'workspace.list': () => apiOk(listDataWorkspaces(svc.workspacesDir)),
    'workspace.new': (_c, p) => {
      const { grant, ...rest } = p;
      if (grant === undefined) return svc.newWorkspaceJob(rest);
      const g = svc.grants.take(grant, 'workspace.new', 'workspace.new');
      return g.ok ? svc.newWorkspaceJob({ ...rest, path: g.value.path }) : g;
    },
    'workspace.open': async (clientId, p) => {
      if (p.uploadId !== undefined) {
        const uploadId = p.uploadId;
        const files =
          svc.uploadedFiles?.(clientId, uploadId) ?? apiErr('NOT_SUPPORTED', 'Uploads are not available.');
        if (!files.ok) return files;
        const stored = storeUploadedWorkspace(svc.workspacesDir, files.value);
        if (!stored.ok) return stored;
        const opened = await svc.openWorkspaceJob(stored.value);
        if (!opened.ok) removeWorkspaceFile(stored.value);
        else svc.releaseUpload?.(uploadId);
        return opened;
      }
      if (p.grant !== undefined) {
        const g = svc.grants.take(p.grant, 'workspace.open', 'workspace.open');
        return g.ok ? svc.openWorkspaceJob(g.value.path) : g;
      }
      const path = p.path!;
      const known =
        svc.recent.read().recent.some((r) => r.path === path) || svc.session?.workspace?.path === path;
      if (!known && !isInside(svc.workspacesDir, path))
        return apiErr(
          'INVALID_ARGUMENT',
          `workspace.open: ${path} is neither in the data folder (${svc.workspacesDir}) nor a recently opened workspace; open it with File ▸ Open (a file dialog) or from the command line.`,
        );
      return svc.openWorkspaceJob(path);
    },
    'workspace.saveAs': (_c, p) => {
      const s = svc.session;
      if (!s?.workspace)
        return apiErr(
          'NO_WORKSPACE',
          'This simulation is not recorded in a workspace, so it has no history.',
        );
      let target: { path: string; overwrite: boolean };
      if (p.grant !== undefined) {
        const g = svc.grants.take(p.grant, 'workspace.saveAs', 'workspace.saveAs');
        if (!g.ok) return g;
        target = g.value;
      } else {
        mkdirSync(svc.workspacesDir, { recursive: true });
        target = {
          path: join(svc.workspacesDir, `${p.name!}${WORKSPACE_EXT}`),
          overwrite: p.overwrite === true,
        };
      }
      // A job: the copy is made in a thread, the clock held meanwhile (save-as-job.ts).
      return saveAsJob(svc, s, target);
    },
    'workspace.close': async () => {
      // Detached at once (answers NO_WORKSPACE from now on); answered once the file is written and closed.
      const closing = svc.closeSession();
      svc.recent.clearLast();
      svc.hub.broadcast('workspace', null);
      await closing;
      return apiOk(null);
    },
    'jobs.list': () => apiOk(svc.jobs.list()),
    'jobs.cancel': (_c, p) => apiOk(svc.jobs.cancel(p.id)),
    ...makeCapacityHandlers(svc),
    ...makeDemoHandlers(svc),
    ...makeConsolidationHandlers(svc),
    ...makeOpsHandlers(svc, withWorkspace),
    ...makePoolHandlers(svc),
  };
}

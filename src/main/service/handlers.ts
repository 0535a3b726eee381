/** One handler per API method. Params arrive already validated by the contract's zod schemas. */
import type { MethodName } from '../../shared/methods';
import type { ParsedParams, ResultOf } from '../../shared/contract';
import { apiErr, apiOk, type ApiResult } from '../../shared/errors';
import { builtinScenarios, type Command } from '../engine';
import { appVersion } from './version';
import { fromEngine, fromStore } from './errors';
import type { VdcService } from './vdc-service';
import { persistAlarm } from './session';
import { makeCapacityHandlers } from './handlers-capacity';
import { makeDemoHandlers } from './handlers-demo';
import { makeConsolidationHandlers } from './handlers-consolidation';

/** The handler of method M: its parsed params in, its contract result out (checked by tsc against the zod result schema). */
export type Handler<M extends MethodName> = (clientId: string, p: ParsedParams<M>) => ApiResult<ResultOf<M>> | Promise<ApiResult<ResultOf<M>>>;
export type Handlers = { [M in MethodName]: Handler<M> };
/** The handlers of a subset of the methods (one domain module). */
export type HandlersOf<K extends MethodName> = Pick<Handlers, K>;

export function makeHandlers(svc: VdcService): Handlers {
  const withSession = <T>(fn: (s: NonNullable<VdcService['session']>) => ApiResult<T>): ApiResult<T> => {
    const s = svc.requireSession();
    return s.ok ? fn(s.value) : s;
  };
  const withWorkspace = <T>(fn: (ws: NonNullable<NonNullable<VdcService['session']>['workspace']>) => ApiResult<T>): ApiResult<T> =>
    withSession((s) => (s.workspace ? fn(s.workspace) : apiErr('NO_WORKSPACE', 'This simulation is not recorded in a workspace, so it has no history.')));

  return {
    'app.info': () => apiOk({ name: 'VDC Studio', version: appVersion(), shell: svc.options.shell }),
    'clock.get': () => apiOk(svc.clockState()),
    'clock.play': () => withSession((s) => (s.clock.play(), apiOk(svc.clockState()))),
    'clock.pause': () => withSession((s) => (s.clock.pause(), apiOk(svc.clockState()))),
    'clock.step': async (_c, p) => {
      const s = svc.requireSession();
      if (!s.ok) return s;
      await s.value.clock.stepTicks(p.ticks);
      return apiOk(svc.clockState());
    },
    'clock.setSpeed': (_c, p) => withSession((s) => (s.clock.setSpeed(p.speed), apiOk(svc.clockState()))),
    'meta.catalog': () => withSession((s) => apiOk(s.engine.catalog())),
    'meta.scenarios': () => apiOk(builtinScenarios.map((b) => ({ id: b.id, name: b.name, description: b.description }))),
    'inventory.tree': () => withSession((s) => apiOk(s.engine.inventory())),
    'entity.describe': (_c, p) =>
      withSession((s) => fromEngine(s.engine.describe(p.id))),
    'entity.list': (_c, p) => withSession((s) => apiOk(s.engine.list(p.kind, p.parentId))),
    'command.execute': (_c, p) => withSession((s) => s.execute(p.command as Command)),
    'migration.precheck': (_c, p) =>
      withSession((s) => fromEngine(s.engine.precheckMigration(p.vmId, p.hostId))),
    'placement.explain': (_c, p) =>
      withSession((s) => fromEngine(s.engine.explainPlacement(p.spec))),
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
        return fromStore(ws.queryEvents(p));
      }),
    'tasks.query': (_c, p) =>
      withWorkspace((ws) => {
        svc.session?.flush();
        return fromStore(ws.queryTasks(p));
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
        if (s.workspace) persistAlarm(s.workspace, alarm);
        svc.hub.alarms([alarm]);
        return apiOk(alarm);
      }),
    'workspace.current': () => apiOk(svc.workspaceInfo()),
    'workspace.recent': () => apiOk(svc.recent.read().recent),
    'workspace.new': (_c, p) => svc.newWorkspace(p),
    'workspace.open': (_c, p) => svc.openWorkspace(p.path),
    'workspace.saveAs': (_c, p) =>
      withWorkspace((ws) => {
        const flushed = svc.session!.checkpoint();
        if (!flushed.ok) return flushed;
        const r = ws.saveAs(p.path);
        if (!r.ok) return fromStore(r);
        return svc.openWorkspace(p.path);
      }),
    'workspace.close': () => {
      svc.closeSession();
      svc.recent.clearLast();
      svc.hub.broadcast('workspace', null);
      return apiOk(null);
    },
    ...makeCapacityHandlers(svc),
    ...makeDemoHandlers(svc),
    ...makeConsolidationHandlers(svc),
  };
}

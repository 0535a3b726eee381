/**
 * The names of every API method and push event. Kept free of imports so the sandboxed preload can
 * bundle it; src/shared/contract.ts holds the schemas and a type test keeps both lists equal.
 */
export const METHOD_NAMES = [
  'app.info',
  'clock.get',
  'clock.play',
  'clock.pause',
  'clock.step',
  'clock.setSpeed',
  'meta.catalog',
  'meta.scenarios',
  'inventory.tree',
  'entity.describe',
  'entity.list',
  'command.execute',
  'migration.precheck',
  'placement.explain',
  'live.subscribe',
  'history.series',
  'history.topN',
  'events.query',
  'tasks.query',
  'alarms.query',
  'alarms.acknowledge',
  'workspace.current',
  'workspace.recent',
  'workspace.list',
  'workspace.new',
  'workspace.open',
  'workspace.saveAs',
  'workspace.close',
  // capacity planning (src/shared/contract-capacity.ts)
  'capacity.summary',
  'capacity.headroom',
  'capacity.forecast',
  'capacity.failover',
  'capacity.rightsize',
  'capacity.consolidation',
  'capacity.csv',
  'capacity.backtest.start',
  'capacity.backtest.state',
  'capacity.backtest.cancel',
  'capacity.sweep.start',
  'capacity.sweep.state',
  'capacity.sweep.cancel',
  'import.template',
  'import.upload.begin',
  'import.upload.chunk',
  'import.upload.cancel',
  'import.preview',
  'import.apply',
  'export.inventory',
  'whatif.create',
  'whatif.list',
  'whatif.run',
  'whatif.progress',
  'whatif.cancel',
  'whatif.compare',
  'whatif.delete',
  'report.generate',
  // demos and training (src/shared/contract-demo.ts)
  'storyline.list',
  'storyline.start',
  'storyline.control',
  'storyline.state',
  'lab.list',
  'lab.start',
  'lab.state',
  'lab.hint',
  'recording.export',
  'recording.verify',
  'demo.reset',
  'demo.branch',
  'demo.return',
  // dynamic VM consolidation experiment (src/shared/contract-consolidation.ts)
  'consolidation.policies',
  'consolidation.start',
  'consolidation.state',
  'consolidation.cancel',
  'consolidation.clear',
  // long operations as jobs (src/shared/contract-jobs.ts)
  'jobs.list',
  'jobs.cancel',
] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** `ui` is sent by the desktop shell itself (menu actions such as View ▸ Presenter Mode), not by the service. */
export const PUSH_NAMES = ['clock', 'tick', 'tasks', 'events', 'alarms', 'workspace', 'caption', 'lab', 'consolidation', 'jobs', 'ui'] as const;
export type PushName = (typeof PUSH_NAMES)[number];

/** Largest request payload accepted by any transport, in bytes of JSON. */
export const MAX_PAYLOAD_BYTES = 1_000_000;

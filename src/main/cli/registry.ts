import type { CliEntry } from './command';

/**
 * Every `vdc` sub-command, in the order `vdc --help` lists them. Each module is loaded only when its
 * command runs (or prints its usage): `vdc --help` and `vdc scenarios` never load exceljs, pdfkit or
 * SQLite, which keeps the bundled CLI's start under 0.3 s. The summary here must equal the command's own
 * (run.test.ts checks).
 */
export const commands: CliEntry[] = [
  {
    name: 'scenarios',
    summary: 'list the built-in scenarios (or export one as JSON)',
    load: async () => (await import('./commands/scenarios')).scenariosCommand,
  },
  {
    name: 'simulate',
    summary: 'run a scenario headless for a simulated duration and summarise it',
    load: async () => (await import('./commands/simulate')).simulateCommand,
  },
  {
    name: 'history',
    summary: 'print or export (CSV) the recorded history of metrics from a workspace',
    load: async () => (await import('./commands/history')).historyCommand,
  },
  {
    name: 'workspace info',
    summary: 'show a workspace file: sizes per table and the time span kept per metrics level',
    load: async () => (await import('./commands/workspace-info')).workspaceInfoCommand,
  },
  {
    name: 'place',
    summary: 'explain where a VM would be placed and why (filters and weighers per host)',
    load: async () => (await import('./commands/place')).placeCommand,
  },
  {
    name: 'import',
    summary: 'import an RVTools export or the generic CSV template (preview, or a new workspace)',
    load: async () => (await import('./commands/import')).importCommand,
  },
  {
    name: 'export',
    summary: 'export the current inventory in RVTools column names (.xlsx or CSV)',
    load: async () => (await import('./commands/export')).exportCommand,
  },
  {
    name: 'capacity',
    summary: 'capacity planning: allocation vs demand, headroom, time remaining, N+1, right-sizing',
    load: async () => (await import('./commands/capacity')).capacityCommand,
  },
  {
    name: 'capacity backtest',
    summary: 'score time-remaining forecasts against the simulated future of a scenario',
    load: async () => (await import('./commands/capacity-backtest')).capacityBacktestCommand,
  },
  {
    name: 'capacity sweep',
    summary: 'probabilistic futures: chance of running out by date per cluster × resource, and of N+1',
    load: async () => (await import('./commands/capacity-sweep')).capacitySweepCommand,
  },
  {
    name: 'capacity sweep merge',
    summary: 'merge the shard files of a capacity sweep into the result of one run',
    load: async () => (await import('./commands/capacity-sweep')).capacitySweepMergeCommand,
  },
  {
    name: 'report',
    summary: 'write the capacity report (HTML or PDF) of a workspace',
    load: async () => (await import('./commands/report')).reportCommand,
  },
  {
    name: 'consolidate',
    summary: 'run the standard PlanetLab dynamic VM consolidation experiment (CloudSim 3.0.3 semantics)',
    load: async () => (await import('./commands/consolidate')).consolidateCommand,
  },
  {
    name: 'storyline run',
    summary: 'play a storyline headless to its end; write events, captions, final metrics and run hash',
    load: async () => (await import('./commands/storyline')).storylineRunCommand,
  },
  {
    name: 'lab check',
    summary: "grade a lab workspace offline: which checks pass, and the learner's actions",
    load: async () => (await import('./commands/lab')).labCheckCommand,
  },
  {
    name: 'configure',
    summary:
      'change a setting of one object in a workspace (pools, host topology, VM layers, disk I/O, SIOC, …)',
    load: async () => (await import('./commands/configure')).configureCommand,
  },
  {
    name: 'serve',
    summary: 'start the browser console (as npm run web): --port N, --workspace FILE',
    load: async () => (await import('./commands/serve')).serveCommand,
  },
  {
    name: 'gpu-experiment',
    summary: 'run the published GPU-sharing scheduling experiment (Alibaba 2023 trace, FGD paper semantics)',
    load: async () => (await import('./commands/gpu-experiment')).gpuExperimentCommand,
  },
];

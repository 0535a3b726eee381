/** Handlers of the capacity-planning methods (see src/shared/contract-capacity.ts). */
import { basename } from 'node:path';
import type { ParsedParams, ResultOf } from '../../shared/contract';
import type { capacityContract } from '../../shared/contract-capacity';
import type { HandlersOf } from './handlers';
import type { MethodName } from '../../shared/methods';
import { apiErr, apiOk, type ApiResult } from '../../shared/errors';
import { DEFAULT_POLICY, type CapPolicy } from '../engine/capacity';
import { importOffThread } from './inventory-io/import-off-thread';
import { filesFromBase64, filesFromPath } from './inventory-io/files';
import { UploadError, UploadStore } from './inventory-io/uploads';
import { GENERIC_TEMPLATE } from './inventory-io/generic';
import type { InputFile } from './inventory-io/types';
import { BacktestJobError, BacktestJobs } from './capacity/backtest-job';
import { SweepJob } from './capacity/sweep-job';
import { BranchError, deleteBranch, listBranches, type Branch } from './capacity/whatif';
import { runTaskJob } from './off-thread/run-task';
import { reportText } from './capacity/report-text';
import { LiveAnalysis } from './capacity/live-analysis';
import type { Session } from './session';
import type { VdcService } from './vdc-service';
import { deliver, fileTarget } from './files/targets';
import { freeWorkspacePath } from './workspaces';
import { readLive, runLiveTaskJob, snapshotJsonSteps } from './live-state';
import type { ExportTaskResult, ReportTaskResult } from './off-thread/file-tasks';

type P<M extends MethodName> = ParsedParams<M>;

const policyOf = (p: CapPolicy | undefined): CapPolicy => p ?? DEFAULT_POLICY;

/** Bytes a task thread sent (a Uint8Array arrives as one; text as a string). */
const toBytes = (d: Uint8Array | string | undefined): Uint8Array =>
  typeof d === 'string' ? new TextEncoder().encode(d) : (d ?? new Uint8Array(0));

function branchErr(e: unknown): ApiResult<never> {
  if (e instanceof BranchError) return apiErr(e.code, e.message);
  throw e;
}

type Source = {
  grant?: string | undefined;
  uploadId?: string | undefined;
  files?: { name: string; base64: string }[] | undefined;
};

function uploadResult<T>(fn: () => T): ApiResult<T> {
  try {
    return apiOk(fn());
  } catch (e) {
    if (e instanceof UploadError) return apiErr(e.code, e.message, e.details);
    throw e;
  }
}

/** `now`: the wall clock that expires idle uploads (tests move it). */
export function makeCapacityHandlers(
  svc: VdcService,
  opts: { now?: () => number } = {},
): HandlersOf<keyof typeof capacityContract> {
  const uploads = new UploadStore(opts.now);
  svc.onClientDisconnect((clientId) => uploads.releaseClient(clientId));
  // workspace.open takes an uploaded .vdc file too (the browser console's "Upload a workspace").
  svc.uploadedFiles = (clientId, uploadId) => uploadResult(() => uploads.files(clientId, uploadId));
  svc.releaseUpload = (uploadId) => uploads.release(uploadId);
  const sourceFiles = (clientId: string, p: Source): ApiResult<InputFile[]> => {
    if (p.files) return apiOk(filesFromBase64(p.files));
    if (p.uploadId !== undefined) {
      const id = p.uploadId;
      return uploadResult(() => uploads.files(clientId, id));
    }
    const g = svc.grants.take(p.grant!, 'import.source', 'import');
    if (!g.ok) return g;
    const r = filesFromPath(g.value.path);
    return r.ok ? apiOk(r.files) : apiErr('INVALID_ARGUMENT', r.message);
  };
  /** Parsing and mapping run in a worker thread with a bounded heap, as a job (progress, cancel). */
  const importJob = (
    files: InputFile[],
    o: { name?: string; previewOnly?: boolean; scenarioAsJson?: boolean },
  ) =>
    svc.jobs.runTask('import', `Reading ${files.map((f) => f.name).join(', ')}`.slice(0, 200), () => {
      const run = importOffThread(files, o);
      return {
        result: run.result.then((r) =>
          r.ok
            ? apiOk(r.outcome)
            : apiErr(r.outOfMemory ? 'PAYLOAD_TOO_LARGE' : 'INVALID_ARGUMENT', r.message),
        ),
        cancel: run.cancel,
      };
    });
  const withSession = <T>(fn: (s: Session) => ApiResult<T>): ApiResult<T> => {
    const s = svc.requireSession();
    return s.ok ? fn(s.value) : s;
  };
  const withLiveSession = <T>(
    fn: (s: Session) => ApiResult<T> | Promise<ApiResult<T>>,
  ): ApiResult<T> | Promise<ApiResult<T>> => {
    const s = svc.requireSession();
    return s.ok ? fn(s.value) : s;
  };
  // Analyses of a large simulation run in a task thread on the live snapshot read in slices (live-analysis.ts).
  const analysis = new LiveAnalysis({
    current: () => svc.session,
    sliceMs: svc.jobs.sliceMs,
    sliced: (ms) => (svc.jobs.longestSliceMs = Math.max(svc.jobs.longestSliceMs, ms)),
    ...(svc.options.testHooks?.capacityInlineMax === undefined
      ? {}
      : { inlineMax: svc.options.testHooks.capacityInlineMax }),
  });
  svc.onDispose(() => analysis.dispose());
  const backtests = new BacktestJobs(svc.jobs);
  svc.onDispose(() => backtests.dispose());
  /** A branch file is written by one run at a time: one running job per branch. */
  const runKey = (parentPath: string, id: string) => `whatif.run:${parentPath}#${id}`;
  const parentOf = (s: Session): ApiResult<string> =>
    s.workspace
      ? apiOk(s.workspace.path)
      : apiErr(
          'NO_WORKSPACE',
          'What-if branches copy the workspace file; this simulation is not recorded in one.',
        );

  const sweep = new SweepJob(svc.jobs, analysis);
  /** The live snapshot's JSON text (in chunks) and time, read in slices with the clock held; the history flushed with it. */
  const liveSnapshot = (session: Session, flush: boolean) =>
    readLive(
      session,
      'Reading the live simulation',
      snapshotJsonSteps,
      (snapshotChunks, engine) => {
        if (flush && session.workspace) {
          const f = session.flush();
          if (!f.ok) return f;
        }
        return apiOk({ snapshotChunks, time: engine.time });
      },
      () => svc.session === session,
    );
  svc.onDispose(() => sweep.cancel());

  return {
    'capacity.sweep.start': (_c: string, p: P<'capacity.sweep.start'>) =>
      withSession((s) => sweep.start(s, s.workspace ? basename(s.workspace.path) : 'unsaved', p)),
    'capacity.sweep.state': () => apiOk(sweep.state()),
    'capacity.sweep.cancel': () => apiOk(sweep.cancel()),
    'capacity.summary': (_c: string, p: P<'capacity.summary'>) =>
      withLiveSession((s) => analysis.answer(s, { method: 'capacity.summary', params: p })),
    'capacity.headroom': (_c: string, p: P<'capacity.headroom'>) =>
      withLiveSession((s) => analysis.answer(s, { method: 'capacity.headroom', params: p })),
    'capacity.backtest.start': (_c: string, p: P<'capacity.backtest.start'>) => {
      try {
        return apiOk(backtests.start(p));
      } catch (e) {
        if (e instanceof BacktestJobError) return apiErr('INVALID_ARGUMENT', e.message);
        throw e;
      }
    },
    'capacity.backtest.state': () => apiOk(backtests.state()),
    'capacity.backtest.cancel': () => apiOk(backtests.cancel()),
    'capacity.forecast': (_c: string, p: P<'capacity.forecast'>) =>
      withLiveSession((s) => analysis.answer(s, { method: 'capacity.forecast', params: p })),
    'capacity.failover': (_c: string, p: P<'capacity.failover'>) =>
      withLiveSession((s) => analysis.answer(s, { method: 'capacity.failover', params: p })),
    'capacity.rightsize': (_c: string, p: P<'capacity.rightsize'>) =>
      withLiveSession((s) => analysis.answer(s, { method: 'capacity.rightsize', params: p })),
    'capacity.consolidation': (_c: string, p: P<'capacity.consolidation'>) =>
      withLiveSession((s) => analysis.answer(s, { method: 'capacity.consolidation', params: p })),
    'capacity.csv': async (_c: string, p: P<'capacity.csv'>) => {
      const s = svc.requireSession();
      if (!s.ok) return s;
      const csv = await analysis.answer(s.value, {
        method: 'capacity.csv',
        params: { table: p.table, ...(p.policy === undefined ? {} : { policy: p.policy }) },
      });
      if (!csv.ok || !p.download) return csv;
      const { name, text } = csv.value;
      const target = fileTarget(svc, { download: true }, 'report', 'capacity.csv');
      if (!target.ok) return target;
      const d = deliver(svc, { kind: 'download' }, name, text, 'text/csv; charset=utf-8', 'capacity.csv');
      return d.ok ? apiOk({ name, text, ...(d.value.download ? { download: d.value.download } : {}) }) : d;
    },
    'import.template': () => apiOk({ name: 'vdc-inventory-template.csv', text: GENERIC_TEMPLATE }),
    'import.upload.begin': (c: string, p: P<'import.upload.begin'>) =>
      uploadResult(() => uploads.begin(c, p.files)),
    'import.upload.chunk': (c: string, p: P<'import.upload.chunk'>) =>
      uploadResult(() => uploads.chunk(c, p.uploadId, p.fileIndex, p.index, p.dataBase64)),
    'import.upload.cancel': (c: string, p: P<'import.upload.cancel'>) =>
      uploadResult(() => (uploads.free(c, p.uploadId), null)),
    'import.preview': async (c: string, p: P<'import.preview'>) => {
      const files = sourceFiles(c, p);
      if (!files.ok) return files;
      const read = await importJob(files.value, { previewOnly: true });
      return read.ok ? apiOk(read.value.preview) : read;
    },
    'import.apply': async (c: string, p: P<'import.apply'>) => {
      const files = sourceFiles(c, p);
      if (!files.ok) return files;
      const read = await importJob(files.value, {
        ...(p.name === undefined ? {} : { name: p.name }),
        scenarioAsJson: true,
      });
      if (!read.ok) return read;
      const { preview, scenarioJson, scenarioName } = read.value;
      const first =
        preview.problems.find((x) => x.severity === 'fatal') ??
        preview.problems.find((x) => x.severity === 'error');
      const where = first
        ? `${first.sheet}${first.row ? ` row ${first.row}` : ''}${first.column ? `, column "${first.column}"` : ''}: ${first.message}`
        : '';
      if (!scenarioJson)
        return apiErr('INVALID_ARGUMENT', `Nothing was imported. ${where}`, {
          problems: preview.problems.slice(0, 100),
        });
      if (preview.counts.unusableRows > 0 && !p.skipBadRows) {
        return apiErr(
          'INVALID_ARGUMENT',
          `Nothing was imported: ${preview.counts.unusableRows} row(s) cannot be used, e.g. ${where}. Fix them, or import the usable rows only (skipBadRows).`,
          { problems: preview.problems.slice(0, 100) },
        );
      }
      let path: string | undefined;
      if (p.workspaceGrant !== undefined) {
        const g = svc.grants.take(p.workspaceGrant, 'workspace.new', 'import.apply');
        if (!g.ok) return g;
        path = g.value.path;
      }
      const name = p.name ?? scenarioName ?? 'Imported inventory';
      path ??= freeWorkspacePath(svc.workspacesDir, name);
      // The engine and the file's first checkpoint are built in a thread of their own (for 300,000 VMs that
      // is seconds and GBs), then the engine is restored here in slices (workspace-load.ts).
      const opened = await svc.newWorkspaceJob(
        { path, name, scenarioJson },
        { kind: 'import.apply', label: `Creating the workspace "${name}"` },
      );
      if (!opened.ok) return opened;
      if (p.uploadId !== undefined) uploads.release(p.uploadId);
      return apiOk({ workspace: opened.value, preview });
    },
    'export.inventory': (_c: string, p: P<'export.inventory'>) => {
      const s = svc.requireSession();
      if (!s.ok) return s;
      const session = s.value;
      const where = 'export.inventory';
      const target = fileTarget(svc, p, p.format === 'xlsx' ? 'inventory' : 'inventory.folder', where);
      if (!target.ok) return target;
      const t = target.value;
      // The live state is read in slices (clock held); the sheets, the workbook and the files in a thread.
      return runLiveTaskJob<{ snapshotChunks: string[]; time: number }, ExportTaskResult>(
        svc.jobs,
        where,
        'Reading the live simulation',
        () => liveSnapshot(session, false),
        (live) => ({
          label: 'Building the inventory sheets',
          task: {
            kind: 'inventory.export',
            snapshotChunks: live.snapshotChunks,
            format: p.format,
            ...(t.kind === 'grant'
              ? { write: { path: t.granted.path, overwrite: t.granted.overwrite } }
              : {}),
          },
        }),
      ).then((r): ApiResult<ResultOf<'export.inventory'>> => {
        if (!r.ok) return r;
        const out = r.value.result;
        if (p.format === 'xlsx') {
          const f = out.files[0]!;
          if (t.kind === 'grant') return apiOk({ files: [{ name: f.name }], writtenTo: out.writtenTo });
          const bytes = toBytes(f.data);
          if (t.kind === 'inline')
            return apiOk({
              files: [{ name: f.name, base64: Buffer.from(bytes).toString('base64') }],
              writtenTo: [],
            });
          const d = deliver(
            svc,
            t,
            f.name,
            bytes,
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            where,
          );
          if (!d.ok) return d;
          return apiOk({
            files: [{ name: d.value.path ?? f.name }],
            writtenTo: d.value.path ? [d.value.path] : [],
            ...(d.value.download ? { downloads: [d.value.download] } : {}),
          });
        }
        const inline = out.files.map((f) => ({ name: f.name, text: String(f.data) }));
        if (t.kind === 'download')
          return apiOk({
            files: inline,
            writtenTo: [],
            downloads: inline.map((f) => svc.downloads.add(f.name, f.text, 'text/csv; charset=utf-8')),
          });
        return apiOk({ files: inline, writtenTo: out.writtenTo });
      });
    },
    'whatif.create': async (_c: string, p: P<'whatif.create'>) => {
      const s = svc.requireSession();
      if (!s.ok) return s;
      const session = s.value;
      const parent = parentOf(session);
      if (!parent.ok) return parent;
      // The branch point is this tick, its history flushed now; copying the file, rebuilding the engine at
      // that tick and saving the branch run in a thread of their own (a job: progress, cancel).
      const saved = session.flush();
      if (!saved.ok) return saved;
      return runTaskJob<Branch>(
        svc.jobs,
        'whatif.create',
        `Creating the what-if branch "${p.name}"`,
        {
          kind: 'whatif.create',
          parentPath: parent.value,
          branchTick: session.engine.tick,
          name: p.name,
          changes: p.changes,
        },
        {
          key: `whatif.create:${parent.value}`,
          busy: 'A what-if branch of this workspace is being created; wait for it to finish.',
        },
      );
    },
    'whatif.list': () =>
      withSession((s) => {
        if (!s.workspace) return apiOk([]);
        try {
          return apiOk(listBranches(s.workspace.path));
        } catch (e) {
          return branchErr(e);
        }
      }),
    'whatif.run': (_c: string, p: P<'whatif.run'>) => {
      const s = svc.requireSession();
      if (!s.ok) return s;
      const parent = parentOf(s.value);
      if (!parent.ok) return parent;
      // A job in a thread of its own (opening the branch file and restoring its engine included): one
      // tick per step; jobs.cancel discards the run, whatif.cancel stops it and keeps what it ran.
      return runTaskJob<Branch>(
        svc.jobs,
        'whatif.run',
        `Running what-if branch ${p.id} for ${p.days} day(s)`,
        {
          kind: 'whatif.run',
          parentPath: parent.value,
          id: p.id,
          days: p.days,
          ...(p.tickSeconds === undefined ? {} : { tickSeconds: p.tickSeconds }),
        },
        {
          key: runKey(parent.value, p.id),
          busy: `What-if branch ${p.id} is already running; wait for it to finish.`,
        },
      );
    },
    'whatif.progress': (_c: string, p: P<'whatif.progress'>) =>
      withSession((s) => {
        const parent = parentOf(s);
        if (!parent.ok) return parent;
        const job = svc.jobs.running(runKey(parent.value, p.id));
        return apiOk({
          running: job !== null,
          doneTicks: job?.done ?? 0,
          totalTicks: job?.total ?? 0,
          cancelling: job?.stopping ?? false,
        });
      }),
    'whatif.cancel': (_c: string, p: P<'whatif.cancel'>) =>
      withSession((s) => {
        const parent = parentOf(s);
        if (!parent.ok) return parent;
        const job = svc.jobs.running(runKey(parent.value, p.id));
        if (job) svc.jobs.stop(job.view.id);
        return apiOk({ cancelled: job !== null });
      }),
    'whatif.compare': (_c: string, p: P<'whatif.compare'>) =>
      withLiveSession((s) => {
        const parent = parentOf(s);
        if (!parent.ok) return parent;
        return analysis.answer(s, {
          method: 'whatif.compare',
          params: { parentPath: parent.value, ids: p.ids },
        });
      }),
    'whatif.delete': (_c: string, p: P<'whatif.delete'>) =>
      withSession((s) => {
        const parent = parentOf(s);
        if (!parent.ok) return parent;
        try {
          deleteBranch(parent.value, p.id);
          return apiOk(null);
        } catch (e) {
          return branchErr(e);
        }
      }),
    'report.generate': (_c: string, p: P<'report.generate'>) => {
      const s = svc.requireSession();
      if (!s.ok) return s;
      const session = s.value;
      const target = fileTarget(svc, p, 'report', 'report.generate');
      if (!target.ok) return target;
      const t = target.value;
      const title = reportText(p.locale).title(svc.workspaceInfo()?.name ?? 'simulation');
      // The console's last finished sweep, when there is one, adds its fan of probabilities.
      const st = sweep.state();
      const sweepData =
        st?.status === 'done' && st.clusters
          ? { runs: st.runs, horizonDays: st.horizonDays, clusters: st.clusters }
          : null;
      // The live state is read in slices (clock held); the analyses, the PDF and the file run in a thread.
      return runLiveTaskJob<{ snapshotChunks: string[]; time: number }, ReportTaskResult>(
        svc.jobs,
        'report.generate',
        'Reading the live simulation',
        () => liveSnapshot(session, true),
        (live) => ({
          label: 'Analysing the capacity',
          task: {
            kind: 'report',
            snapshotChunks: live.snapshotChunks,
            time: live.time,
            workspacePath: session.workspace?.path ?? null,
            policy: policyOf(p.policy),
            title,
            locale: p.locale,
            ...(p.branchIds ? { branchIds: p.branchIds } : {}),
            sweep: sweepData,
            format: p.format,
            ...(t.kind === 'grant'
              ? { write: { path: t.granted.path, overwrite: t.granted.overwrite } }
              : {}),
          },
        }),
      ).then((r): ApiResult<ResultOf<'report.generate'>> => {
        if (!r.ok) return r;
        const out = r.value.result;
        if (t.kind === 'grant') return apiOk({ format: p.format, bytes: out.bytes, path: out.path });
        const bytes = toBytes(out.data);
        if (t.kind === 'inline')
          return apiOk({
            format: p.format,
            path: null,
            bytes: bytes.byteLength,
            ...(p.format === 'pdf'
              ? { base64: Buffer.from(bytes).toString('base64') }
              : { html: new TextDecoder().decode(bytes) }),
          });
        const d = deliver(
          svc,
          t,
          `capacity-report.${p.format}`,
          bytes,
          p.format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
          'report.generate',
        );
        if (!d.ok) return d;
        return apiOk({ format: p.format, bytes: bytes.byteLength, ...d.value });
      });
    },
  };
}

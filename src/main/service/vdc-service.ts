/**
 * The application core behind every shell: owns the open session (engine + workspace + clock),
 * validates every call against the shared contract, and fans push events out to clients.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '../../shared/contract';
import { METHOD_NAMES, type MethodName } from '../../shared/methods';
import { apiErr, apiOk, describeZodError, type ApiError, type ApiResult } from '../../shared/errors';
import type { ClockState, WorkspaceInfoView } from '../../shared/schemas/views';
import { builtinScenario, type MetricBlock } from '../engine';
import { setSqliteNativeBinding } from '../store';
import { PushHub, type LiveFrame, type ServiceClient } from './push-hub';
import { RecentList } from './recent';
import { Session, type SessionFault, type SessionHooks, type SessionTestHooks } from './session';
import { RunningMarker } from './crash-marker';
import { fromFsError } from './errors';
import { Jobs, type StartedTask } from './jobs';
import {
  createWorkspaceFile,
  freeWorkspacePath,
  openWorkspaceFile,
  workspaceDisplayName,
} from './workspaces';
import { makeHandlers, type Handlers } from './handlers';
import { loadWorkspaceJob, startLoad, type Adopted, type LoadInput } from './workspace-load';
import type { VdcServiceApi } from './service-api';
import { GrantStore, type GrantRequest } from './files/grants';
import { DownloadStore, type DownloadFile } from './files/downloads';

export interface ServiceOptions {
  dataDir: string;
  workspacePath?: string;
  shell: 'electron' | 'web' | 'cli' | 'test';
  /** Path of a better-sqlite3 binary built for Electron's ABI (desktop shell only). */
  sqliteNativeBinding?: string;
  /** Start the clock playing after opening (default true, like a live datacenter). */
  autoPlay?: boolean;
  /** Scenario for a first start (default "small-lab"). */
  defaultScenarioId?: string;
  /**
   * Set by the worker host when it restarts a service that stopped unexpectedly: open the last workspace
   * paused and show why (safe mode). A start that finds the running marker of an unclean stop does the same.
   */
  safeMode?: { reason: string };
  /** Keep a running marker in the data folder to detect an unclean stop (default: every shell but the CLI). */
  crashMarker?: boolean;
  /** Test-only fault injection; no API call can set it (see SessionTestHooks). */
  testHooks?: SessionTestHooks & {
    /** Throws outside any handler (in a timer) after this tick: the worker thread dies. */
    crashAfterTick?: number;
    /** Work per job slice in ms (jobs.ts; 0: one step per slice, to see slicing on small states). */
    jobSliceMs?: number;
    /** Work per slice when a workspace is restored here (default 20 ms; 0 = one step per slice). */
    openSliceMs?: number;
    /**
     * Capacity analyses of a simulation with at most this many VMs, hosts and containers are answered on
     * the service thread, larger ones in a task thread (handlers-capacity.ts; -1: always in a thread).
     */
    capacityInlineMax?: number;
  };
}

const METHOD_SET = new Set<string>(METHOD_NAMES);
/** Methods that change nothing (an internal error in one of them leaves the state as it was). */
const READ_ONLY_METHOD =
  /^(app\.info|clock\.get|meta\.|inventory\.|entity\.|migration\.precheck|placement\.explain|history\.|events\.query|tasks\.query|alarms\.query|workspace\.(current|recent)|capacity\.|import\.(template|preview)|whatif\.(list|compare)|storyline\.(list|state)|lab\.(list|state|hint)|consolidation\.(policies|state))/;
const DEFAULT_SCENARIO = 'small-lab';

export class VdcService implements VdcServiceApi {
  session: Session | null = null;
  /** Why the requested or last workspace could not be opened at start, if it could not. */
  startupError: ApiError | null = null;
  /** Safe mode: why the service opened the last workspace paused instead of playing it. */
  safeModeReason: string | null = null;
  readonly hub: PushHub;
  private readonly marker: RunningMarker | null;
  readonly recent: RecentList;
  /** One-use file grants issued by the shell (grantFile) and used up by the handlers. */
  readonly grants = new GrantStore();
  /** Files prepared for one browser download (takeDownload). */
  readonly downloads = new DownloadStore();
  /** The files of a client's finished upload (set by the import handlers, which own the uploads). */
  uploadedFiles:
    ((clientId: string, uploadId: string) => ApiResult<{ name: string; bytes: Uint8Array }[]>) | null = null;
  releaseUpload: ((uploadId: string) => void) | null = null;
  /** Long operations, run in slices off the tick loop's way (jobs.ts). */
  readonly jobs: Jobs;
  private readonly handlers: Handlers;
  private lastClockPush = 0;
  private disposers: (() => void)[] = [];
  /** Sessions being closed in the background (their closing checkpoint read in slices: Session.closeInSlices). */
  private closing = new Map<Promise<void>, Session>();
  private disconnectListeners: ((clientId: string) => void)[] = [];

  private constructor(readonly options: ServiceOptions) {
    this.recent = new RecentList(options.dataDir);
    this.marker =
      (options.crashMarker ?? options.shell !== 'cli') ? new RunningMarker(options.dataDir) : null;
    this.hub = new PushHub(
      (kind) => this.metricNames(kind),
      (frame) => this.totals(frame),
    );
    this.jobs = new Jobs({
      publish: (jobs) => this.hub.broadcast('jobs', jobs),
      ...(options.testHooks?.jobSliceMs === undefined ? {} : { sliceMs: options.testHooks.jobSliceMs }),
    });
    this.handlers = makeHandlers(this);
  }

  /** Opens the requested workspace, else the last one, else creates one from the default scenario. */
  static async start(options: ServiceOptions): Promise<VdcService> {
    if (options.sqliteNativeBinding) setSqliteNativeBinding(options.sqliteNativeBinding);
    const service = new VdcService(options);
    mkdirSync(options.dataDir, { recursive: true });
    const leftover = service.marker?.leftover() ?? null;
    if (options.safeMode) service.safeModeReason = options.safeMode.reason;
    else if (leftover) {
      const last =
        'lastError' in leftover && leftover.lastError ? ` The last error was: ${leftover.lastError}` : '';
      service.safeModeReason = `VDC Studio did not stop cleanly last time.${last}`;
    }
    service.marker?.begin();
    const target = options.workspacePath ?? service.recent.read().last;
    let opened: ApiResult<WorkspaceInfoView> | null = null;
    if (target) {
      opened =
        options.workspacePath && !(await import('node:fs')).existsSync(target)
          ? service.newWorkspace({ path: target })
          : service.openWorkspace(target);
      if (!opened.ok) {
        service.startupError = opened.error;
        if (!options.workspacePath) service.recent.forget(target);
      }
    }
    if ((!opened || !opened.ok) && !options.workspacePath) {
      const created = service.newWorkspace({ scenarioId: options.defaultScenarioId ?? DEFAULT_SCENARIO });
      if (!created.ok) service.startupError = created.error;
    }
    if (service.session && service.safeModeReason) {
      // Safe mode: offered, paused, with the reason shown; never auto-played.
      const reason = service.safeModeReason;
      service.session.fault = {
        kind: 'crash',
        tick: service.session.engine.tick,
        message: `${reason} The workspace was reopened paused at tick ${service.session.engine.tick}; press Play to continue.`,
      };
    } else if (service.session && options.autoPlay !== false) service.session.clock.play();
    return service;
  }

  connect(client: ServiceClient): () => void {
    const disconnect = this.hub.connect(client);
    client.push('workspace', this.workspaceInfo());
    if (this.session) client.push('clock', this.clockState());
    return () => {
      disconnect();
      for (const fn of this.disconnectListeners) fn(client.id);
    };
  }

  /** Registers cleanup of what a client held (an import upload) when it disconnects. */
  onClientDisconnect(fn: (clientId: string) => void): void {
    this.disconnectListeners.push(fn);
  }

  async call(clientId: string, method: string, params: unknown): Promise<ApiResult<unknown>> {
    if (typeof method !== 'string' || !METHOD_SET.has(method)) {
      return apiErr(
        'UNKNOWN_METHOD',
        `Unknown method "${String(method).slice(0, 100)}". Known methods: ${METHOD_NAMES.join(', ')}.`,
      );
    }
    const name = method as MethodName;
    const parsed = contract[name].params.safeParse(params ?? {});
    if (!parsed.success)
      return apiErr('BAD_REQUEST', `Invalid parameters for ${name}: ${describeZodError(parsed.error)}`);
    try {
      const handler = this.handlers[name] as (
        clientId: string,
        p: unknown,
      ) => ApiResult<unknown> | Promise<ApiResult<unknown>>;
      return await handler(clientId, parsed.data);
    } catch (e) {
      // A filesystem error the handler did not expect (ENAMETOOLONG, EACCES…) is still a typed error with its path.
      const fsError = fromFsError(e);
      if (fsError) return { ok: false, error: fsError };
      // Handlers answer typed errors and change state atomically (a failed tick or command is rolled
      // back by the session); an exception here is a bug, and the message says only what is known.
      const what = READ_ONLY_METHOD.test(name)
        ? 'This request only reads, so nothing was changed.'
        : 'It may have been applied in part: check the current state before trying again.';
      return apiErr(
        'INTERNAL',
        `Internal error in ${name}: ${e instanceof Error ? e.message : String(e)}. ${what}`,
      );
    }
  }

  /** Shell-only (not an API method): a one-use grant for a path the user chose (dialog or command line). */
  grantFile(req: GrantRequest): Promise<string> {
    try {
      return Promise.resolve(this.grants.issue(req));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Shell-only (not an API method): hands a prepared download over once, or null. */
  takeDownload(id: string): Promise<DownloadFile | null> {
    return Promise.resolve(this.downloads.take(id));
  }

  /** The data folder's workspace folder: where workspaces live unless the user chose another file. */
  get workspacesDir(): string {
    return join(this.options.dataDir, 'workspaces');
  }

  /** Registers cleanup for something a handler module started (runs, timers). */
  onDispose(fn: () => void): void {
    this.disposers.push(fn);
  }

  async dispose(): Promise<void> {
    this.jobs.dispose();
    for (const fn of this.disposers.splice(0)) fn();
    await this.closeSession();
    await this.closed();
    this.hub.dispose();
    this.downloads.dispose();
    this.marker?.end();
  }

  // --- session management -------------------------------------------------------------------

  requireSession(): ApiResult<Session> {
    return this.session
      ? apiOk(this.session)
      : apiErr('NO_WORKSPACE', 'No workspace is open. Create one (File ▸ New) or open one (File ▸ Open).');
  }

  newWorkspace(p: {
    path?: string;
    name?: string;
    scenarioId?: string;
    scenario?: unknown;
    seed?: number;
  }): ApiResult<WorkspaceInfoView> {
    let scenario = p.scenario;
    if (scenario === undefined) {
      const id = p.scenarioId ?? DEFAULT_SCENARIO;
      scenario = builtinScenario(id);
      if (!scenario) return apiErr('NOT_FOUND', `There is no built-in scenario "${id}".`);
    }
    const scenarioName = (scenario as { name?: unknown }).name;
    const name = p.name ?? (typeof scenarioName === 'string' ? scenarioName : 'Workspace');
    const path = p.path ?? freeWorkspacePath(this.workspacesDir, name);
    const wasRunning = this.session?.clock.running ?? this.options.autoPlay !== false;
    const created = Session.create({
      scenario,
      ...(p.seed === undefined ? {} : { seed: p.seed }),
      path,
      name,
      hooks: this.hooks(),
      createWorkspace: (file, engine, n) =>
        createWorkspaceFile(file, engine, n, p.seed ?? (engine.scenario as { seed?: number }).seed ?? 1),
    });
    if (!created.ok) return created;
    created.value.testHooks = this.options.testHooks ?? null;
    void this.replaceSession(created.value, wasRunning);
    return apiOk(this.workspaceInfo() as WorkspaceInfoView);
  }

  openWorkspace(path: string): ApiResult<WorkspaceInfoView> {
    if (this.session?.workspace?.path === path) return apiOk(this.workspaceInfo() as WorkspaceInfoView);
    this.finishClosing(path);
    const ws = openWorkspaceFile(path);
    if (!ws.ok) return ws;
    const session = Session.open(ws.value, this.hooks());
    if (!session.ok) {
      ws.value.close();
      return session;
    }
    session.value.testHooks = this.options.testHooks ?? null;
    void this.replaceSession(session.value, this.session?.clock.running ?? false);
    return apiOk(this.workspaceInfo() as WorkspaceInfoView);
  }

  /**
   * `newWorkspace` as a job that never blocks this thread for long: the engine is built and the file
   * created in a task thread, then restored here in slices (workspace-load.ts). The current workspace
   * answers until the new one is complete; on failure or cancel it stays, and the new file is removed.
   */
  newWorkspaceJob(
    p: {
      path?: string;
      name?: string;
      scenarioId?: string;
      scenario?: unknown;
      /** The scenario as JSON text (an import's, never parsed on this thread); give `name` with it. */
      scenarioJson?: string;
      seed?: number;
    },
    job: { kind: string; label?: string } = { kind: 'workspace.new' },
  ): Promise<ApiResult<WorkspaceInfoView>> {
    let scenarioJson = p.scenarioJson;
    let name = p.name;
    if (scenarioJson === undefined) {
      let scenario = p.scenario;
      if (scenario === undefined) {
        const id = p.scenarioId ?? DEFAULT_SCENARIO;
        scenario = builtinScenario(id);
        if (!scenario) return Promise.resolve(apiErr('NOT_FOUND', `There is no built-in scenario "${id}".`));
      }
      const scenarioName = (scenario as { name?: unknown } | null)?.name;
      name ??= typeof scenarioName === 'string' ? scenarioName : 'Workspace';
      scenarioJson = JSON.stringify(scenario);
    }
    name ??= 'Workspace';
    return this.loadJob(job.kind, job.label ?? `Creating the workspace "${name}"`, {
      kind: 'workspace.load',
      path: p.path ?? freeWorkspacePath(this.workspacesDir, name),
      create: { scenarioJson, name, ...(p.seed === undefined ? {} : { seed: p.seed }) },
    });
  }

  /**
   * `openWorkspace` as a job that never blocks this thread for long (see newWorkspaceJob): the current
   * workspace answers until the opened one is complete, and stays on failure or cancel.
   */
  openWorkspaceJob(
    path: string,
    job: { kind: string; label?: string; copyFrom?: string } = { kind: 'workspace.open' },
  ): Promise<ApiResult<WorkspaceInfoView>> {
    if (this.session?.workspace?.path === path)
      return Promise.resolve(apiOk(this.workspaceInfo() as WorkspaceInfoView));
    return this.loadJob(job.kind, job.label ?? `Opening "${workspaceDisplayName(path)}"`, {
      kind: 'workspace.load',
      path,
      ...(job.copyFrom === undefined ? {} : { copyFrom: job.copyFrom }),
    });
  }

  private loadJob(kind: string, label: string, input: LoadInput): Promise<ApiResult<WorkspaceInfoView>> {
    const creating = input.create !== undefined;
    // A file still being closed (its closing checkpoint written in the background) is opened or copied after.
    const files = [input.path, ...(input.copyFrom === undefined ? [] : [input.copyFrom])];
    if ([...this.closing.values()].some((s) => s.workspace && files.includes(s.workspace.path)))
      return this.closed(files).then(() => this.loadJob(kind, label, input));
    return loadWorkspaceJob<WorkspaceInfoView>({
      jobs: this.jobs,
      kind,
      label,
      input,
      hooks: this.hooks(),
      ...(this.options.testHooks?.openSliceMs === undefined
        ? {}
        : { sliceMs: this.options.testHooks.openSliceMs }),
      commit: (session, latest) => this.switchTo(session, latest, creating),
    });
  }

  /**
   * Starts loading a workspace for this service without switching to it (workspace-load.ts startLoad),
   * as part of a job of its own (Save As); switch with `switchTo`.
   */
  startLoad(
    input: LoadInput,
    progress: (report: { progress: number; label?: string }) => void,
  ): StartedTask<Adopted> {
    return startLoad({
      input,
      hooks: this.hooks(),
      progress,
      onSlice: (ms) => (this.jobs.longestSliceMs = Math.max(this.jobs.longestSliceMs, ms)),
      ...(this.options.testHooks?.openSliceMs === undefined
        ? {}
        : { sliceMs: this.options.testHooks.openSliceMs }),
    });
  }

  /**
   * Switches to a session loaded by startLoad / loadWorkspaceJob in one short step; the old session, detached
   * in that step, is closed in the background in slices (closeSession) and the answer comes once it is
   * closed (its file flushed and closed).
   */
  switchTo(
    session: Session,
    latest: MetricBlock[],
    creating: boolean,
  ): Promise<ApiResult<WorkspaceInfoView>> {
    // As the one-shot paths: a new workspace plays when the last one did (or autoPlay on an empty
    // service); an opened one plays when the last one was playing.
    const play = this.session?.clock.running ?? (creating && this.options.autoPlay !== false);
    session.testHooks = this.options.testHooks ?? null;
    const closing = this.replaceSession(session, play, latest);
    const view = this.workspaceInfo() as WorkspaceInfoView;
    const info = apiOk(view);
    // Out of any handler here: a throw would end the service. The switch is done; say what failed.
    return closing.then(
      () => info,
      (e: unknown) =>
        apiErr(
          'INTERNAL',
          `Switched to ${view.path}, but closing the previous workspace failed: ${e instanceof Error ? e.message : String(e)}`,
        ),
    );
  }

  /**
   * Closes the open session: it is detached at once (no request reaches it any more) and closed in the
   * background, its closing checkpoint read in slices (Session.closeInSlices); answers when it is closed.
   */
  closeSession(): Promise<void> {
    const s = this.session;
    if (!s) return Promise.resolve();
    this.session = null;
    const closing: Promise<void> = s
      .closeInSlices()
      .catch(() => s.close())
      .finally(() => this.closing.delete(closing));
    this.closing.set(closing, s);
    return closing;
  }

  /** Waits until every session closed in the background (of one of `paths`, if given) is closed. */
  async closed(paths?: readonly string[]): Promise<void> {
    for (;;) {
      const waiting = [...this.closing].filter(
        ([, s]) => !paths || (s.workspace !== null && paths.includes(s.workspace.path)),
      );
      if (waiting.length === 0) return;
      await Promise.all(waiting.map(([p]) => p));
    }
  }

  /** Closes at once (in one step) a session of this file still closing in the background. */
  private finishClosing(path: string): void {
    for (const s of this.closing.values()) if (s.workspace?.path === path) s.close();
  }

  workspaceInfo(): WorkspaceInfoView | null {
    const s = this.session;
    if (!s) return null;
    const scenario = s.engine.scenario as { name?: string; seed?: number };
    const path = s.workspace?.path ?? '';
    return {
      path,
      name: s.workspace
        ? s.workspace.meta().name || workspaceDisplayName(path)
        : (scenario.name ?? 'Simulation'),
      scenarioName: scenario.name ?? '',
      seed: s.workspace?.meta().seed ?? scenario.seed ?? 0,
      tickSeconds: s.engine.tickSeconds,
    };
  }

  clockState(): ClockState {
    const s = this.session;
    if (!s)
      return { running: false, speed: 1, tick: 0, time: 0, tickSeconds: 20, startEpochMs: 0, actualSpeed: 0 };
    return {
      running: s.clock.running,
      speed: s.clock.speed,
      tick: s.engine.tick,
      time: s.engine.time,
      tickSeconds: s.engine.tickSeconds,
      startEpochMs: s.engine.startEpochMs,
      actualSpeed: s.clock.actualSpeed(),
      fault: s.fault,
    };
  }

  metricNames(kind: string): string[] {
    const catalog = this.session?.engine.catalog();
    return (catalog?.[kind as keyof typeof catalog] ?? []).map((d) => d.name);
  }

  /** Answers when the old session is closed (in the background, in slices). */
  private replaceSession(next: Session, play: boolean, latest?: MetricBlock[]): Promise<void> {
    const closing = this.closeSession();
    this.session = next;
    // Checkpoints read in slices, in the background: the service thread never blocks on one.
    next.slicedCheckpoints = true;
    // A new or reopened workspace has no metric values before its first tick: show the current ones while
    // paused (issue 12, defect 5). An engine restored by the open thread brings them (`latest`).
    const primed = latest && latest.length > 0 ? latest : next.engine.primeLatest();
    if (primed) this.hub.tick(next.engine.tick, next.engine.time, primed, [], []);
    if (next.workspace) this.recent.touch(next.workspace.path, this.workspaceInfo()?.name ?? '');
    if (play) next.clock.play();
    this.hub.broadcast('workspace', this.workspaceInfo());
    this.hub.broadcast('clock', this.clockState());
    return closing;
  }

  private hooks(): SessionHooks {
    return {
      onTick: (r, alarms) => {
        const crashAfter = this.options.testHooks?.crashAfterTick;
        if (crashAfter !== undefined && r.tick === crashAfter) {
          // Test hook: an exception no handler catches, as a bug in a timer would throw.
          setImmediate(() => {
            throw new Error(`injected crash after tick ${r.tick} (test hook)`);
          });
        }
        this.hub.tick(r.tick, r.time, r.blocks, r.tasks, r.events);
        if (alarms.length) this.hub.alarms(alarms);
      },
      onFault: (fault: SessionFault, event) => {
        this.marker?.recordError(fault.message);
        this.hub.broadcast('events', [event]);
        this.hub.broadcast('clock', this.clockState());
      },
      onTaskQueued: (task) => this.hub.task(task),
      onEvents: (events) => this.hub.broadcast('events', events),
      onClockChange: () => {
        const now = Date.now();
        const s = this.session;
        // Clock pushes at most 4 per second while running; immediately on play/pause/speed.
        if (s && s.clock.running && now - this.lastClockPush < 250) return;
        this.lastClockPush = now;
        this.hub.broadcast('clock', this.clockState());
      },
    };
  }

  private totals(frame: LiveFrame): Record<string, number> {
    const out: Record<string, number> = {};
    const block = frame.blocks.find((b) => b.kind === 'cluster');
    if (!block) return out;
    const names = this.metricNames('cluster');
    const n = block.ids.length;
    names.forEach((name, m) => {
      let sum = 0;
      for (let e = 0; e < n; e++) sum += block.values[m * n + e] ?? 0;
      out[name] = name.endsWith('.pct') && n > 0 ? sum / n : sum;
    });
    return out;
  }
}

/**
 * The live demo player and lab session of one service: starts a storyline or lab in a fresh workspace,
 * fires its events as the session's simulated time reaches them (commands go through the session, so
 * they are logged and replay on reopen), shows captions, evaluates lab checks after every tick, and
 * handles play / pause / next event / restart, reset, branch and return.
 */
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';
import type { CaptionView, LabStateView, StorylineStateView } from '../../../shared/contract-demo';
import type { WorkspaceInfoView } from '../../../shared/schemas/views';
import type { Command, Scenario, TickResult } from '../../engine';
import { LabTracker, observe, type Lab } from '../../engine/labs';
import {
  flattenInventory,
  StoryShow,
  tickOf,
  type Exec,
  type FiredStep,
  type Storyline,
} from '../../engine/storyline';
import type { Session } from '../session';
import type { VdcService } from '../vdc-service';
import { labWorkspaceName } from './grade';
import { workspaceDisplayName } from '../workspaces';
import { tapSession } from './session-hook';
import { labState, storylineState } from './views';

type Speed = number | 'max';

interface ShowMode {
  kind: 'storyline';
  storyline: Storyline;
  scenario: Scenario;
  show: StoryShow;
  caption: CaptionView | null;
}

interface LabMode {
  kind: 'lab';
  lab: Lab;
  scenario: Scenario;
  show: StoryShow;
  tracker: LabTracker;
  hintsShown: number;
}

type Mode = ShowMode | LabMode;

/** Lab progress pushes at most this often while nothing but values change (wall ms). */
const LAB_PUSH_MS = 500;

export class DemoController {
  private mode: Mode | null = null;
  private session: Session | null = null;
  /** While the player itself gives commands (events, drills): those are not the learner's. */
  private firing = false;
  private lastLabPush = 0;
  private lastLabStatus = '';
  private branchOrigin: { path: string; mode: Mode | null } | null = null;

  constructor(private readonly svc: VdcService) {}

  // --- starting -------------------------------------------------------------------------------

  startStoryline(
    storyline: Storyline,
    scenario: Scenario,
    speed: Speed | undefined,
    play: boolean,
  ): ApiResult<StorylineStateView> {
    const started = this.fresh(scenario, storyline.seed, storyline.title.en);
    if (!started.ok) return started;
    this.mode = {
      kind: 'storyline',
      storyline,
      scenario,
      show: new StoryShow(storyline.events),
      caption: null,
    };
    this.attach(started.value, speed, play);
    return apiOk(this.storylineState()!);
  }

  startLab(lab: Lab, scenario: Scenario, speed: Speed | undefined, play: boolean): ApiResult<LabStateView> {
    const started = this.fresh(scenario, lab.seed, labWorkspaceName(lab));
    if (!started.ok) return started;
    const tracker = new LabTracker(lab);
    tracker.begin(flattenInventory(started.value.engine.inventory()));
    this.mode = { kind: 'lab', lab, scenario, show: new StoryShow(lab.drills), tracker, hintsShown: 0 };
    this.attach(started.value, speed, play);
    return apiOk(this.labState()!);
  }

  /** A new workspace from the scenario (the session in it is not yet running). */
  private fresh(scenario: Scenario, seed: number | undefined, name: string): ApiResult<Session> {
    const speed = this.svc.session?.clock.speed;
    this.svc.session?.clock.pause();
    this.mode = null;
    this.branchOrigin = null;
    const info = this.svc.newWorkspace({ scenario, name, ...(seed === undefined ? {} : { seed }) });
    if (!info.ok) return info;
    const s = this.svc.session;
    if (!s) return apiErr('INTERNAL', 'The workspace was created but no session is open.');
    s.clock.pause();
    // The new workspace keeps the speed the presenter or learner had chosen.
    if (speed !== undefined) s.clock.setSpeed(speed);
    return apiOk(s);
  }

  private attach(session: Session, speed: Speed | undefined, play: boolean): void {
    this.session = session;
    tapSession(session, {
      afterTick: (r) => this.afterTick(session, r),
      afterCommand: (c, r) => this.afterCommand(session, c, r),
    });
    this.fireDue(session);
    if (speed !== undefined) session.clock.setSpeed(speed);
    if (play) session.clock.play();
    this.pushState();
  }

  // --- live -----------------------------------------------------------------------------------

  private current(): Mode | null {
    if (this.mode && this.session && this.svc.session === this.session) return this.mode;
    return null;
  }

  private exec(session: Session): Exec {
    return (command) => {
      const r = session.execute(command);
      return r.ok ? { ok: true, value: r.value } : { ok: false, error: { message: r.error.message } };
    };
  }

  private fireDue(session: Session): FiredStep[] {
    const mode = this.current();
    if (!mode) return [];
    this.firing = true;
    let fired: FiredStep[];
    try {
      fired = mode.show.fireDue(session.engine, this.exec(session));
    } finally {
      this.firing = false;
    }
    for (const f of fired) {
      if (!f.caption) continue;
      const caption: CaptionView = {
        storylineId: mode.kind === 'storyline' ? mode.storyline.id : mode.lab.id,
        index: f.index,
        time: f.firedAt,
        text: f.caption,
        pause: f.pause,
      };
      if (mode.kind === 'storyline') mode.caption = caption;
      this.svc.hub.broadcast('caption', caption);
    }
    if (fired.some((f) => f.pause)) session.clock.pause();
    return fired;
  }

  private afterTick(session: Session, r: TickResult): void {
    const mode = this.current();
    if (!mode || this.session !== session) return;
    if (mode.kind === 'lab') mode.tracker.observe(observe(session.engine, r.blocks), r.events);
    this.fireDue(session);
    if (
      mode.kind === 'storyline' &&
      session.engine.time >= mode.storyline.durationSec &&
      session.clock.running
    ) {
      session.clock.pause();
      this.pushState();
    }
    if (mode.kind === 'lab') {
      const p = mode.tracker.progress();
      if (p.status !== 'running' && session.clock.running) session.clock.pause();
      const key = `${p.status}|${p.checks.map((c) => c.status).join(',')}`;
      const now = Date.now();
      if (key !== this.lastLabStatus || now - this.lastLabPush >= LAB_PUSH_MS) {
        this.lastLabStatus = key;
        this.lastLabPush = now;
        this.pushState();
      }
    }
  }

  private afterCommand(session: Session, command: Command, r: ApiResult<unknown>): void {
    const mode = this.current();
    if (!mode || mode.kind !== 'lab' || this.firing) return;
    const e = session.engine;
    mode.tracker.noteAction(
      r.ok
        ? { time: e.time, tick: e.tick, command, ok: true }
        : { time: e.time, tick: e.tick, command, ok: false, message: r.error.message },
    );
    this.pushState();
  }

  private pushState(): void {
    const mode = this.current();
    if (mode?.kind === 'lab') this.svc.hub.broadcast('lab', this.labState());
  }

  // --- views ----------------------------------------------------------------------------------

  storylineState(): StorylineStateView | null {
    const mode = this.current();
    if (!mode || mode.kind !== 'storyline' || !this.session) return null;
    return storylineState(mode.storyline, mode.show, mode.caption, this.session);
  }

  labState(): LabStateView | null {
    const mode = this.current();
    if (!mode || mode.kind !== 'lab') return null;
    const session = this.session;
    return labState(
      mode.lab,
      mode.tracker.progress(),
      mode.hintsShown,
      session ? (id) => session.nameOf(id) : undefined,
    );
  }

  // --- controls -------------------------------------------------------------------------------

  async control(
    action: 'play' | 'pause' | 'next' | 'restart' | 'stop',
  ): Promise<ApiResult<StorylineStateView | null>> {
    const mode = this.current();
    const session = this.session;
    if (!mode || mode.kind !== 'storyline' || !session)
      return apiErr('INVALID_STATE', 'No storyline is playing. Start one first (Demos ▸ Storylines).');
    switch (action) {
      case 'play':
        if (session.engine.time < mode.storyline.durationSec) session.clock.play();
        break;
      case 'pause':
        session.clock.pause();
        break;
      case 'next': {
        session.clock.pause();
        const at = mode.show.cursor.nextEventAt(session.engine.time);
        if (at !== null)
          await session.clock.stepTicks(
            Math.max(1, tickOf(at, session.engine.tickSeconds) - session.engine.tick),
          );
        break;
      }
      case 'restart': {
        const speed = session.clock.speed;
        const r = this.startStoryline(mode.storyline, mode.scenario, speed, false);
        return r.ok ? apiOk(r.value) : r;
      }
      case 'stop':
        session.clock.pause();
        this.mode = null;
        return apiOk(null);
      default: {
        const never: never = action;
        return apiErr('BAD_REQUEST', `Unknown action ${String(never)}`);
      }
    }
    return apiOk(this.storylineState());
  }

  hint(): ApiResult<LabStateView> {
    const mode = this.current();
    if (!mode || mode.kind !== 'lab')
      return apiErr('INVALID_STATE', 'No lab is running. Start one first (Demos ▸ Labs).');
    mode.hintsShown = Math.min(mode.lab.hints.length, mode.hintsShown + 1);
    return apiOk(this.labState()!);
  }

  /** Back to the start of the running storyline or lab, in a fresh workspace. */
  reset(): ApiResult<WorkspaceInfoView> {
    const mode = this.current();
    if (!mode || !this.session)
      return apiErr('INVALID_STATE', 'No storyline or lab is running, so there is nothing to reset.');
    const speed = this.session.clock.speed;
    const r =
      mode.kind === 'storyline'
        ? this.startStoryline(mode.storyline, mode.scenario, speed, false)
        : this.startLab(mode.lab, mode.scenario, speed, false);
    return r.ok ? apiOk(this.svc.workspaceInfo()!) : r;
  }

  /**
   * Saves the workspace as a copy now and continues in the copy; `returnFromBranch` goes back. The copy
   * opens as a job (restored in a thread and in slices: the service keeps answering meanwhile).
   */
  async branch(copyPath: string): Promise<ApiResult<WorkspaceInfoView>> {
    const s = this.svc.session;
    if (!s?.workspace)
      return apiErr('NO_WORKSPACE', 'Branching needs a workspace file; open or create one first.');
    s.clock.pause();
    // The copy is made and opened in a thread (workspace-load.ts) from the file: flushed, and
    // checkpointed unless pausing did already; read in slices (issue 21: no request blocks the service
    // more than 100 ms), the service answering meanwhile.
    const saved = await s.checkpointInSlices();
    if (!saved.ok) return saved;
    if (this.svc.session !== s || !s.workspace)
      return apiErr('INVALID_STATE', 'The workspace changed while it was being saved for the branch.');
    const origin = { path: s.workspace.path, mode: this.cloneMode() };
    const keep = this.cloneMode();
    const opened = await this.svc.openWorkspaceJob(copyPath, {
      kind: 'demo.branch',
      copyFrom: s.workspace.path,
      label: `Branching "${workspaceDisplayName(s.workspace.path)}"`,
    });
    if (!opened.ok) return opened;
    this.reattach(keep);
    this.branchOrigin = origin;
    return opened;
  }

  async returnFromBranch(): Promise<ApiResult<WorkspaceInfoView>> {
    const origin = this.branchOrigin;
    if (!origin) return apiErr('INVALID_STATE', 'There is no branch to return from. Use Branch first.');
    this.session?.clock.pause();
    const opened = await this.svc.openWorkspaceJob(origin.path, { kind: 'demo.return' });
    if (!opened.ok) return opened;
    this.branchOrigin = null;
    this.reattach(origin.mode);
    return opened;
  }

  private cloneMode(): Mode | null {
    const m = this.current();
    if (!m) return null;
    return m.kind === 'storyline'
      ? { ...m, show: m.show.clone() }
      : { ...m, show: m.show.clone(), tracker: m.tracker.clone() };
  }

  private reattach(mode: Mode | null): void {
    const s = this.svc.session;
    this.mode = mode;
    if (!s || !mode) {
      this.session = s;
      return;
    }
    this.session = s;
    tapSession(s, {
      afterTick: (r) => this.afterTick(s, r),
      afterCommand: (c, r) => this.afterCommand(s, c, r),
    });
    this.pushState();
  }
}

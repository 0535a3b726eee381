/**
 * Continuous evaluation of a lab's checks, tick after tick. The first tick's observation is the
 * baseline. The lab passes (for good) at the first tick where every check is satisfied, and fails
 * when an 'always' check is broken or the time is up first.
 */
import type { EngineEvent } from '../api';
import type { Command } from '../model/commands';
import { evaluateRule } from './checks';
import type { Observation } from './observe';
import type { CheckMode, CheckSpec, Lab } from './types';
import type { LocalText } from '../storyline/types';

export type CheckStatus = 'pending' | 'passing' | 'failing' | 'passed' | 'failed';
export type LabStatus = 'running' | 'passed' | 'failed';

export interface CheckProgress {
  id: string;
  text: LocalText;
  mode: CheckMode;
  status: CheckStatus;
  /** Latest measured value (null when nothing could be measured yet). */
  value: number | null;
  /** Simulated second since which the rule has held without a break (mode 'now'), else null. */
  heldSince: number | null;
}

export interface LearnerAction {
  time: number;
  tick: number;
  command: Command;
  ok: boolean;
  message?: string;
}

export interface LabProgress {
  labId: string;
  status: LabStatus;
  time: number;
  passedAt: number | null;
  failedAt: number | null;
  /** Why the lab failed, in words (the broken check or "time is up"). */
  failure: string | null;
  checks: CheckProgress[];
  actions: LearnerAction[];
}

interface CheckState {
  spec: CheckSpec;
  status: CheckStatus;
  value: number | null;
  heldSince: number | null;
}

export class LabTracker {
  private start: Observation | null = null;
  /** The inventory when the lab started (count baselines), taken before the learner can act. */
  private startNodes: Observation['nodes'] | null = null;
  private readonly states: CheckState[];
  private readonly eventCounts = new Map<string, number>();
  private readonly actions: LearnerAction[] = [];
  private status: LabStatus = 'running';
  private time = 0;
  private passedAt: number | null = null;
  private failedAt: number | null = null;
  private failure: string | null = null;

  constructor(private readonly lab: Lab) {
    this.states = lab.checks.map((spec) => ({ spec, status: 'pending', value: null, heldSince: null }));
  }

  /**
   * Records the inventory at the start of the lab, before any command: count baselines use it, so what
   * the learner does before the first tick is measured too. Metric baselines use the first tick.
   */
  begin(nodes: Observation['nodes']): void {
    if (this.start === null) this.startNodes = nodes;
  }

  /** An independent copy with the same history (for branches). */
  clone(): LabTracker {
    const c = new LabTracker(this.lab);
    c.start = this.start;
    c.startNodes = this.startNodes;
    c.states.splice(0, c.states.length, ...this.states.map((s) => ({ ...s })));
    for (const [k, v] of this.eventCounts) c.eventCounts.set(k, v);
    c.actions.push(...this.actions);
    c.status = this.status;
    c.time = this.time;
    c.passedAt = this.passedAt;
    c.failedAt = this.failedAt;
    c.failure = this.failure;
    return c;
  }

  /** Records a learner command (accepted or refused) for the noCommand checks and the result screen. */
  noteAction(action: LearnerAction): void {
    this.actions.push(action);
  }

  /** Evaluates every check on a new observation (call once per tick, after the tick). */
  observe(obs: Observation, events: readonly EngineEvent[]): LabProgress {
    for (const e of events) this.eventCounts.set(e.type, (this.eventCounts.get(e.type) ?? 0) + 1);
    if (this.start === null) this.start = this.startNodes ? { ...obs, nodes: this.startNodes } : obs;
    this.time = obs.time;
    if (this.status !== 'running') return this.progress();
    const ctx = {
      start: this.start,
      userCommandTypes: this.actions.filter((a) => a.ok).map((a) => a.command.type),
      eventCounts: this.eventCounts,
    };
    let allMet = true;
    for (const st of this.states) {
      const mode = st.spec.mode ?? 'now';
      if (st.status === 'failed' || st.status === 'passed') {
        if (st.status === 'failed') allMet = false;
        continue;
      }
      if (obs.time < (st.spec.fromSec ?? 0)) {
        st.status = 'pending';
        allMet = false;
        continue;
      }
      const r = evaluateRule(st.spec, obs, ctx);
      st.value = r.value;
      if (mode === 'ever') {
        st.status = r.holds ? 'passed' : 'failing';
        if (!r.holds) allMet = false;
      } else if (mode === 'always') {
        st.status = r.holds ? 'passing' : 'failed';
        if (!r.holds) {
          allMet = false;
          this.fail(obs.time, st.spec.text.en);
        }
      } else {
        st.heldSince = r.holds ? (st.heldSince ?? obs.time) : null;
        const sustained = st.heldSince !== null && obs.time - st.heldSince >= (st.spec.sustainSec ?? 0);
        st.status = r.holds ? 'passing' : 'failing';
        if (!sustained) allMet = false;
      }
    }
    if (this.status === 'running' && allMet) {
      this.status = 'passed';
      this.passedAt = obs.time;
    } else if (this.status === 'running' && obs.time >= this.lab.durationSec) {
      this.fail(obs.time, `time is up (${this.lab.durationSec} s) before every check passed`);
    }
    return this.progress();
  }

  progress(): LabProgress {
    return {
      labId: this.lab.id,
      status: this.status,
      time: this.time,
      passedAt: this.passedAt,
      failedAt: this.failedAt,
      failure: this.failure,
      checks: this.states.map((s) => ({
        id: s.spec.id,
        text: s.spec.text,
        mode: s.spec.mode ?? 'now',
        status: s.status,
        value: s.value,
        heldSince: s.heldSince,
      })),
      actions: [...this.actions],
    };
  }

  private fail(time: number, why: string): void {
    if (this.status !== 'running') return;
    this.status = 'failed';
    this.failedAt = time;
    this.failure = why;
  }
}

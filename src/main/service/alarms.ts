/**
 * Alarm rules evaluated on every tick's metrics, after vCenter's metric alarms (see docs/model.md,
 * "Alarms"): host CPU and memory 75 % warning / 90 % alert, datastore usage 75 / 85 %, VM CPU ready
 * 10 / 20 % per vCPU (cpu.ready.vcpu.pct: the
 * summed cpu.ready.pct of a multi-vCPU VM exceeds 100 %).
 *
 * Two settings per definition keep alarms from flapping around a threshold, as vCenter's do:
 * - `triggerSec` (vCenter's yellowInterval / redInterval, "is above X for N minutes"): a level triggers
 *   only after the value stayed at or above its threshold for that long, without a break;
 * - `tolerance` (vCenter's tolerance range, in percentage points): an active alarm clears only when the
 *   value falls below its threshold − tolerance; an alert goes back to a warning when the value stayed
 *   below alert − tolerance (but not below warning − tolerance) for `triggerSec`.
 *
 * Recorded alarms are append-only: an escalation (warning → alert) or a de-escalation clears the
 * active alarm and raises a new one with the new severity; nothing else of a raised alarm changes
 * later except its clear time and acknowledgement. Ids are "alarm-<n>", n counting up for the life of
 * the workspace file (the counter is part of the checkpoint and never goes below what the file holds).
 */
import type { MetricBlock } from '../engine/api';
import { MESSAGES_EN, msg, msgText, type MsgCode } from '../engine/messages';
import type { AlarmView } from '../../shared/schemas/views';
import type { AlarmAction } from '../../shared/contract-alarms';

export interface AlarmRule {
  id: string;
  kind: MetricBlock['kind'];
  metric: string;
  warning: number;
  error: number;
  /** Seconds of simulated time a level's condition must hold without a break before it triggers. */
  triggerSec: number;
  /** An active level ends only when the value falls below its threshold minus this (percentage points). */
  tolerance: number;
  label: string;
  /** 'above' (the default): a level holds while the value is at or above its threshold; 'below': at or below. */
  direction?: 'above' | 'below';
  /** false: not evaluated, and its active alarms clear at the next evaluation (default true). */
  enabled?: boolean;
  /** Unit shown in the alarm's message (default "%"). */
  unit?: string;
  /** What runs when a level triggers or the alarm clears (absent: nothing). */
  actions?: AlarmAction[];
}

/** An action that is due after an evaluation: which, for which alarm, and why. */
export interface DueAlarmAction {
  rule: AlarmRule;
  alarm: AlarmView;
  action: AlarmAction;
  /** The level that triggered it ('clear': the alarm ended), and whether it is a repeat. */
  on: AlarmAction['on'];
  repeat: boolean;
}

/** The definitions that apply to evaluations after `time` (simulated seconds), until the next version. */
export interface AlarmRuleVersion {
  time: number;
  rules: AlarmRule[];
}

/**
 * The defaults. vCenter's own definitions use "for 5 min" on most metric alarms (VM CPU / memory usage,
 * disk latency) and a tolerance range that applies on both sides of the threshold; here the threshold is
 * the trigger point itself (the documented 75 / 90 %) and the tolerance applies on the clearing side only.
 * Measured flap rates with these values are in docs/model.md.
 */
export const DEFAULT_ALARM_RULES: AlarmRule[] = [
  {
    id: 'host.cpu',
    kind: 'host',
    metric: 'cpu.usage.pct',
    warning: 75,
    error: 90,
    triggerSec: 300,
    tolerance: 5,
    label: 'Host CPU usage',
  },
  {
    id: 'host.mem',
    kind: 'host',
    metric: 'mem.usage.pct',
    warning: 75,
    error: 90,
    triggerSec: 300,
    tolerance: 5,
    label: 'Host memory usage',
  },
  {
    id: 'datastore.usage',
    kind: 'datastore',
    metric: 'disk.usage.pct',
    warning: 75,
    error: 85,
    triggerSec: 300,
    tolerance: 2,
    label: 'Datastore usage',
  },
  {
    id: 'vm.ready',
    kind: 'vm',
    metric: 'cpu.ready.vcpu.pct',
    warning: 10,
    error: 20,
    triggerSec: 300,
    tolerance: 3,
    label: 'VM CPU ready',
  },
];

/** The message code of each default rule's label (an unknown rule keeps its English label). */
const RULE_LABELS: Record<string, MsgCode | undefined> = {
  'host.cpu': 'alarmRule.hostCpu',
  'host.mem': 'alarmRule.hostMem',
  'datastore.usage': 'alarmRule.datastoreUsage',
  'vm.ready': 'alarmRule.vmReady',
};

interface Watch {
  /** Simulated time since which the value has been at or above the warning threshold (null: it is not). */
  warnSince: number | null;
  /** Same for the alert threshold. */
  errorSince: number | null;
  /** While an alert is active: since when the value has been below alert − tolerance (but not cleared). */
  downSince: number | null;
  /** The active alarm of this rule and object, if any. */
  alarm: AlarmView | null;
}

/** A change the store records: a new alarm, or the clear of an active one. */
export type AlarmChange = { kind: 'raised'; alarm: AlarmView } | { kind: 'cleared'; alarm: AlarmView };

/** What a checkpoint keeps of the evaluator, so a resumed run raises exactly the alarms an uninterrupted one would. */
export interface AlarmState {
  v: 1;
  seq: number;
  watches: [
    key: string,
    warnSince: number | null,
    errorSince: number | null,
    downSince: number | null,
    alarm: AlarmView | null,
  ][];
}

const isTime = (x: unknown): x is number | null =>
  x === null || (typeof x === 'number' && Number.isFinite(x));

/** The evaluator state stored in a checkpoint, or null when it is missing or not in this shape. */
export function parseAlarmState(raw: unknown): AlarmState | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Partial<AlarmState>;
  if (
    o.v !== 1 ||
    typeof o.seq !== 'number' ||
    !Number.isInteger(o.seq) ||
    o.seq < 0 ||
    !Array.isArray(o.watches)
  )
    return null;
  for (const w of o.watches) {
    if (
      !Array.isArray(w) ||
      w.length !== 5 ||
      typeof w[0] !== 'string' ||
      !isTime(w[1]) ||
      !isTime(w[2]) ||
      !isTime(w[3])
    )
      return null;
    const a = w[4] as AlarmView | null;
    if (
      a !== null &&
      (typeof a !== 'object' || typeof a.id !== 'string' || typeof a.triggeredAt !== 'number')
    )
      return null;
  }
  return o as AlarmState;
}

export class AlarmEvaluator {
  private watches = new Map<string, Watch>();
  private seq = 0;
  /** Edited definitions, by the time after which they apply (ascending); before the first: `rules`. */
  private versions: AlarmRuleVersion[] = [];
  /** The definitions of the previous evaluation (null before the first): a change retires watches. */
  private lastRules: AlarmRule[] | null = null;
  /** Alarms the last evaluation cleared because their definition changed (their clear actions do not run). */
  private retired = new Set<string>();

  constructor(
    private readonly metricNames: (kind: string) => string[],
    private readonly nameOf: (id: string) => string,
    private readonly rules: AlarmRule[] = DEFAULT_ALARM_RULES,
  ) {}

  /** The stored definition versions of the workspace (replaces any). */
  setVersions(versions: AlarmRuleVersion[]): void {
    this.versions = [...versions].sort((a, b) => a.time - b.time);
  }

  /** New definitions that apply to every evaluation after `time` (a version at or after it is replaced). */
  addVersion(time: number, rules: AlarmRule[]): AlarmRuleVersion[] {
    this.versions = [...this.versions.filter((v) => v.time < time), { time, rules }];
    return this.versions;
  }

  /** The definitions that apply to an evaluation at `time` (the latest ones for Infinity). */
  rulesAt(time: number): AlarmRule[] {
    for (let i = this.versions.length - 1; i >= 0; i--) {
      const v = this.versions[i]!;
      if (v.time < time) return v.rules;
    }
    return this.rules;
  }

  /** The built-in definitions (what a workspace without edited definitions evaluates). */
  get builtin(): readonly AlarmRule[] {
    return this.rules;
  }

  /**
   * After the definitions changed: the watches of a definition that is gone, disabled, or now watches
   * another kind, metric or direction end, and their active alarms clear at `time` (recorded alarms stay).
   */
  private retire(time: number, rules: AlarmRule[], changes: AlarmChange[]): void {
    const now = new Map(rules.map((r) => [r.id, r]));
    const before = this.lastRules ? new Map(this.lastRules.map((r) => [r.id, r])) : null;
    for (const [key, w] of this.watches) {
      const id = key.slice(0, key.indexOf('|'));
      const r = now.get(id);
      const p = before?.get(id);
      const gone =
        !r ||
        r.enabled === false ||
        (p !== undefined &&
          (p.kind !== r.kind ||
            p.metric !== r.metric ||
            (p.direction ?? 'above') !== (r.direction ?? 'above')));
      if (!gone) continue;
      if (w.alarm) {
        w.alarm = { ...w.alarm, clearedAt: time };
        changes.push({ kind: 'cleared', alarm: w.alarm });
        this.retired.add(w.alarm.id);
      }
      this.watches.delete(key);
    }
  }

  /** Restores active alarms from the store (files whose checkpoint has no evaluator state). */
  restore(active: AlarmView[], lastSeq: number): void {
    this.seq = Math.max(this.seq, lastSeq);
    for (const a of active) {
      this.watches.set(`${a.rule}|${a.objectId}`, {
        warnSince: a.triggeredAt,
        errorSince: a.severity === 'error' ? a.triggeredAt : null,
        downSince: null,
        alarm: a,
      });
    }
  }

  /** Ids from now on are above `lastSeq` (the highest alarm number the file has ever held). */
  reserveAbove(lastSeq: number): void {
    this.seq = Math.max(this.seq, lastSeq);
  }

  state(): AlarmState {
    return {
      v: 1,
      seq: this.seq,
      watches: [...this.watches].map(([k, w]) => [k, w.warnSince, w.errorSince, w.downSince, w.alarm]),
    };
  }

  load(s: AlarmState): void {
    this.seq = s.seq;
    this.watches = new Map(
      s.watches.map(([k, warnSince, errorSince, downSince, alarm]) => [
        k,
        { warnSince, errorSince, downSince, alarm },
      ]),
    );
  }

  active(): AlarmView[] {
    return [...this.watches.values()].flatMap((w) =>
      w.alarm && w.alarm.clearedAt === null ? [w.alarm] : [],
    );
  }

  /** Evaluates one tick; answers the alarms raised and cleared, in order. */
  evaluate(time: number, blocks: MetricBlock[]): AlarmChange[] {
    const changes: AlarmChange[] = [];
    this.retired.clear();
    const rules = this.rulesAt(time);
    if (rules !== this.lastRules) {
      this.retire(time, rules, changes);
      this.lastRules = rules;
    }
    for (const rule of rules) {
      if (rule.enabled === false) continue;
      // "is below" compares negated values and thresholds: the same hysteresis, mirrored.
      const s = rule.direction === 'below' ? -1 : 1;
      const warning = s * rule.warning;
      const error = s * rule.error;
      const block = blocks.find((b) => b.kind === rule.kind);
      if (!block) continue;
      const m = this.metricNames(rule.kind).indexOf(rule.metric);
      if (m < 0) continue;
      const n = block.ids.length;
      for (let e = 0; e < n; e++) {
        const id = block.ids[e] as string;
        const raw = block.values[m * n + e] ?? 0;
        const value = s * raw;
        const key = `${rule.id}|${id}`;
        let w = this.watches.get(key);
        if (!w) {
          if (!(value >= warning)) continue; // also NaN
          w = { warnSince: null, errorSince: null, downSince: null, alarm: null };
          this.watches.set(key, w);
        }
        w.warnSince = value >= warning ? (w.warnSince ?? time) : null;
        w.errorSince = value >= error ? (w.errorSince ?? time) : null;
        w.downSince =
          w.alarm?.severity === 'error' && !(value >= error - rule.tolerance) ? (w.downSince ?? time) : null;
        const held = (since: number | null): boolean => since !== null && time - since >= rule.triggerSec;
        const current = w.alarm?.severity ?? null;
        let next: 'warning' | 'error' | null;
        if (current === null) next = held(w.errorSince) ? 'error' : held(w.warnSince) ? 'warning' : null;
        else if (!(value >= warning - rule.tolerance)) next = null;
        else if (current === 'warning') next = held(w.errorSince) ? 'error' : 'warning';
        else next = held(w.downSince) ? 'warning' : 'error'; // an alert goes back to a warning after the same hold time
        if (next !== current) {
          if (w.alarm) {
            w.alarm = { ...w.alarm, clearedAt: time };
            changes.push({ kind: 'cleared', alarm: w.alarm });
            w.alarm = null;
          }
          if (next) {
            w.alarm = this.raise(rule, id, next, raw, time);
            changes.push({ kind: 'raised', alarm: w.alarm });
          }
          w.downSince = null;
        }
        if (!w.alarm && w.warnSince === null) this.watches.delete(key);
      }
    }
    return changes;
  }

  private raise(
    rule: AlarmRule,
    id: string,
    severity: 'warning' | 'error',
    value: number,
    time: number,
  ): AlarmView {
    const threshold = severity === 'error' ? rule.error : rule.warning;
    const unit = rule.unit ?? '%';
    const name = this.nameOf(id);
    const label = RULE_LABELS[rule.id];
    const params = {
      // A rule whose label was changed keeps the label it was given.
      rule: label && MESSAGES_EN[label] === rule.label ? msg(label) : rule.label,
      object: name,
      value: value.toFixed(1),
      unit,
      op: rule.direction === 'below' ? '≤ ' : '',
      threshold,
    };
    const m = rule.triggerSec
      ? msg('alarm.thresholdFor', { ...params, min: rule.triggerSec / 60 })
      : msg('alarm.threshold', params);
    return {
      id: `alarm-${++this.seq}`,
      rule: rule.id,
      objectId: id,
      objectName: name,
      severity,
      message: msgText(m),
      msg: m,
      triggeredAt: time,
      clearedAt: null,
      acknowledged: false,
    };
  }

  /**
   * The actions due after the evaluation at `time` that gave `changes` (in that order): a raised alarm runs
   * its definition's actions for its level; an alarm that ended (not replaced by another level, not retired
   * by an edit) runs the `clear` ones; an active alarm runs a repeating action each time a whole number of
   * its intervals since the trigger passed within this tick. Pure: it depends on the evaluator's state and
   * the arguments only, so a run gives the same actions every time.
   */
  dueActions(time: number, changes: readonly AlarmChange[], tickSec: number): DueAlarmAction[] {
    const rules = new Map(this.rulesAt(time).map((r) => [r.id, r]));
    const out: DueAlarmAction[] = [];
    const raised = new Set<string>();
    const levelOf = (a: AlarmView): 'warning' | 'critical' =>
      a.severity === 'error' ? 'critical' : 'warning';
    for (const c of changes) if (c.kind === 'raised') raised.add(`${c.alarm.rule}|${c.alarm.objectId}`);
    for (const c of changes) {
      const rule = rules.get(c.alarm.rule);
      if (!rule?.actions?.length || rule.enabled === false) continue;
      if (c.kind === 'raised') {
        const on = levelOf(c.alarm);
        for (const action of rule.actions)
          if (action.on === on) out.push({ rule, alarm: c.alarm, action, on, repeat: false });
      } else if (!raised.has(`${c.alarm.rule}|${c.alarm.objectId}`) && !this.retired.has(c.alarm.id)) {
        for (const action of rule.actions)
          if (action.on === 'clear') out.push({ rule, alarm: c.alarm, action, on: 'clear', repeat: false });
      }
    }
    for (const alarm of this.active()) {
      const rule = rules.get(alarm.rule);
      if (!rule?.actions?.length || rule.enabled === false) continue;
      if (raised.has(`${alarm.rule}|${alarm.objectId}`)) continue;
      const on = levelOf(alarm);
      const since = time - alarm.triggeredAt;
      for (const action of rule.actions) {
        const every = (action.repeatMin ?? 0) * 60;
        if (action.on !== on || every <= 0 || since < every) continue;
        if (Math.floor(since / every) > Math.floor((since - tickSec) / every))
          out.push({ rule, alarm, action, on, repeat: true });
      }
    }
    return out;
  }

  acknowledge(alarmId: string): AlarmView | null {
    for (const w of this.watches.values()) {
      if (w.alarm?.id === alarmId) {
        w.alarm = { ...w.alarm, acknowledged: true };
        return w.alarm;
      }
    }
    return null;
  }

  /** The highest alarm number used so far. */
  get lastSeq(): number {
    return this.seq;
  }
}

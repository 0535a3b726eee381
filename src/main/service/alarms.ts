/**
 * Alarm rules evaluated on every tick's metrics, with vCenter-like defaults: host CPU and memory
 * 75 % warning / 90 % alert, datastore usage 75 / 85 %, VM CPU ready above 10 % for 5 minutes.
 * An alarm fires when a value stays above a threshold for the rule's duration and clears when it
 * falls back below the warning threshold.
 */
import type { MetricBlock } from '../engine/api';
import type { AlarmView } from '../../shared/schemas/views';

export interface AlarmRule {
  id: string;
  kind: MetricBlock['kind'];
  metric: string;
  warning: number;
  error: number;
  /** Seconds the value must stay above the threshold before the alarm fires. */
  sustainSec: number;
  label: string;
}

export const DEFAULT_ALARM_RULES: AlarmRule[] = [
  { id: 'host.cpu', kind: 'host', metric: 'cpu.usage.pct', warning: 75, error: 90, sustainSec: 0, label: 'Host CPU usage' },
  { id: 'host.mem', kind: 'host', metric: 'mem.usage.pct', warning: 75, error: 90, sustainSec: 0, label: 'Host memory usage' },
  { id: 'datastore.usage', kind: 'datastore', metric: 'disk.used.pct', warning: 75, error: 85, sustainSec: 0, label: 'Datastore usage' },
  { id: 'vm.ready', kind: 'vm', metric: 'cpu.ready.pct', warning: 10, error: 20, sustainSec: 300, label: 'VM CPU ready' },
];

interface Watch {
  /** Simulated time since which the value has been at or above the warning level. */
  aboveSince: number;
  alarm: AlarmView | null;
}

export class AlarmEvaluator {
  private watches = new Map<string, Watch>();
  private seq = 0;

  constructor(
    private readonly metricNames: (kind: string) => string[],
    private readonly nameOf: (id: string) => string,
    private readonly rules: AlarmRule[] = DEFAULT_ALARM_RULES,
  ) {}

  /** Restores active alarms (e.g. from the store after reopening a workspace). */
  restore(active: AlarmView[], nextSeq: number): void {
    this.seq = Math.max(this.seq, nextSeq);
    for (const a of active) this.watches.set(`${a.rule}|${a.objectId}`, { aboveSince: a.triggeredAt, alarm: a });
  }

  active(): AlarmView[] {
    return [...this.watches.values()].flatMap((w) => (w.alarm && w.alarm.clearedAt === null ? [w.alarm] : []));
  }

  /** Evaluates one tick; returns alarms that were raised, escalated or cleared. */
  evaluate(time: number, blocks: MetricBlock[]): AlarmView[] {
    const changed: AlarmView[] = [];
    for (const rule of this.rules) {
      const block = blocks.find((b) => b.kind === rule.kind);
      if (!block) continue;
      const m = this.metricNames(rule.kind).indexOf(rule.metric);
      if (m < 0) continue;
      const n = block.ids.length;
      for (let e = 0; e < n; e++) {
        const id = block.ids[e] as string;
        const value = block.values[m * n + e] ?? 0;
        const key = `${rule.id}|${id}`;
        let watch = this.watches.get(key);
        if (value < rule.warning) {
          if (watch?.alarm && watch.alarm.clearedAt === null) {
            watch.alarm = { ...watch.alarm, clearedAt: time };
            changed.push(watch.alarm);
          }
          if (watch) this.watches.delete(key);
          continue;
        }
        if (!watch) {
          watch = { aboveSince: time, alarm: null };
          this.watches.set(key, watch);
        }
        if (time - watch.aboveSince < rule.sustainSec) continue;
        const severity = value >= rule.error ? 'error' : 'warning';
        if (!watch.alarm || watch.alarm.severity !== severity) {
          const threshold = severity === 'error' ? rule.error : rule.warning;
          const name = this.nameOf(id);
          watch.alarm = {
            id: watch.alarm?.id ?? `alarm-${++this.seq}`,
            rule: rule.id,
            objectId: id,
            objectName: name,
            severity,
            message: `${rule.label} of ${name} is ${value.toFixed(1)} % (threshold ${threshold} %${rule.sustainSec ? ` for ${rule.sustainSec / 60} min` : ''})`,
            triggeredAt: watch.alarm?.triggeredAt ?? time,
            clearedAt: null,
            acknowledged: false,
          };
          changed.push(watch.alarm);
        }
      }
    }
    return changed;
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

  get nextSeq(): number {
    return this.seq + 1;
  }
}

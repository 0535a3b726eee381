/**
 * Alarm flapping (issue 21, finding 3): with the default definitions' trigger time and tolerance, at
 * most 10 % of the alarms of a realistic run clear within 60 s of triggering, on every built-in scenario.
 * The same runs evaluated with trigger time 0 and tolerance 0 (the definitions before hysteresis) show
 * what the test guards against. Figures are printed and recorded in docs/model.md ("Alarms").
 */
import { describe, expect, it } from 'vitest';
import { builtinScenario, createEngine, type Command } from '../engine';
import { AlarmEvaluator, DEFAULT_ALARM_RULES, type AlarmRule } from './alarms';
import type { AlarmView } from '../../shared/schemas/views';

interface Figures {
  alarms: number;
  short: number;
  pct: number;
}

function measure(
  scenarioId: string,
  hours: number,
  commands: Record<number, Command> = {},
): { hysteresis: Figures; none: Figures } {
  const created = createEngine(builtinScenario(scenarioId)!);
  if (!created.ok) throw new Error(created.error.message);
  const engine = created.value;
  const catalog = engine.catalog();
  const names = (kind: string): string[] => (catalog[kind as keyof typeof catalog] ?? []).map((d) => d.name);
  const noHysteresis: AlarmRule[] = DEFAULT_ALARM_RULES.map((r) => ({ ...r, triggerSec: 0, tolerance: 0 }));
  const evaluators = [
    new AlarmEvaluator(names, (id) => id),
    new AlarmEvaluator(names, (id) => id, noHysteresis),
  ];
  const seen = evaluators.map(() => new Map<string, AlarmView>());
  const ticks = (hours * 3600) / engine.tickSeconds;
  for (let t = 0; t < ticks; t++) {
    const c = commands[t];
    if (c && !engine.execute(c).ok) throw new Error(`command at tick ${t} refused`);
    const r = engine.step();
    evaluators.forEach((ev, i) => {
      for (const c of ev.evaluate(r.time, r.blocks)) seen[i]!.set(c.alarm.id, c.alarm);
    });
  }
  const figures = (m: Map<string, AlarmView>): Figures => {
    const all = [...m.values()];
    const short = all.filter((a) => a.clearedAt !== null && a.clearedAt - a.triggeredAt <= 60).length;
    return { alarms: all.length, short, pct: all.length ? Math.round((1000 * short) / all.length) / 10 : 0 };
  };
  const out = { hysteresis: figures(seen[0]!), none: figures(seen[1]!) };
  console.log(`alarm flapping, ${scenarioId} ${hours} h: ${JSON.stringify(out)}`);
  return out;
}

describe('alarm hysteresis (trigger time + tolerance range)', () => {
  it('small-lab, 7 simulated days: at most 10 % of alarms clear within 60 s', () => {
    const f = measure('small-lab', 7 * 24);
    expect(f.hysteresis.alarms).toBeGreaterThan(20);
    expect(f.hysteresis.pct).toBeLessThanOrEqual(10);
    expect(f.none.pct, 'without hysteresis the lab flaps').toBeGreaterThan(50);
  });

  it('edge, 3 simulated days with a site host failed for a day: at most 10 % of alarms clear within 60 s', () => {
    // Edge sites stay below every threshold on their own; a failed host (HA restarts its VMs on the
    // site's other host) is what raises alarms there.
    const f = measure('edge', 3 * 24, {
      180: { type: 'host.fail', hostId: 'host-ber-1' },
      4_500: { type: 'host.repair', hostId: 'host-ber-1' },
    });
    expect(f.hysteresis.alarms).toBeGreaterThan(0);
    expect(f.hysteresis.pct).toBeLessThanOrEqual(10);
    expect(f.hysteresis.alarms).toBeLessThanOrEqual(f.none.alarms);
  });

  it('enterprise, 12 simulated hours: at most 10 % of alarms clear within 60 s', () => {
    const f = measure('enterprise', 12);
    expect(f.hysteresis.pct).toBeLessThanOrEqual(10);
    expect(f.hysteresis.alarms).toBeLessThanOrEqual(f.none.alarms);
  });
});

/**
 * Alarm flapping (issue 21, finding 3): with the default definitions' trigger time and tolerance, at
 * most 10 % of the alarms of a realistic run clear within 60 s of triggering, on every built-in scenario.
 * The same runs evaluated with trigger time 0 and tolerance 0 (the definitions before hysteresis) show
 * what the test guards against. Each run must raise a minimum number of alarms, so the share cannot pass
 * on zero alarms. Figures are printed and recorded in docs/model.md ("Alarms").
 */
import { describe, expect, it } from 'vitest';
import { builtinScenario, createEngine, type Command } from '../engine';
import type { Scenario } from '../engine/model/scenario';
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
  scenario: Scenario = builtinScenario(scenarioId)!,
): { hysteresis: Figures; none: Figures } {
  const created = createEngine(scenario);
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

/**
 * The growth scenario as it stands `months` into its run: demand grows multiplicatively (CPU and memory
 * × (1 + g)^(t / 30 days), engine/workload/profile.ts), so scaling each guest's levels by that factor is
 * the same load as running the months first, with its weekly cycles, noise and project start intact.
 */
function growthAfter(months: number): Scenario {
  const s = builtinScenario('growth')!;
  const grown = (pct: number, g: number) => Math.min(100, pct * Math.pow(1 + g / 100, months));
  return {
    ...s,
    vms: s.vms.map((v) => {
      const w = v.workload;
      const g = w.growthPctPerMonth ?? 0;
      return {
        ...v,
        workload: {
          ...w,
          cpuBasePct: grown(w.cpuBasePct, g),
          cpuPeakPct: grown(w.cpuPeakPct, g),
          memActivePct: grown(w.memActivePct, g),
          ...(w.memPeakPct === undefined ? {} : { memPeakPct: grown(w.memPeakPct, g) }),
        },
      };
    }),
  };
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
    // Enough alarms that the share means something (82 measured): it cannot pass with none.
    expect(f.hysteresis.alarms).toBeGreaterThanOrEqual(40);
    expect(f.hysteresis.pct).toBeLessThanOrEqual(10);
    expect(f.hysteresis.alarms).toBeLessThanOrEqual(f.none.alarms);
  });

  it('growth, 7 simulated days from month 5: at most 10 % of alarms clear within 60 s', () => {
    // Host memory swings around the 75 % warning with the weekly cycle (peaks about 79 % at month 5).
    const f = measure('growth', 7 * 24, {}, growthAfter(5));
    expect(f.hysteresis.alarms).toBeGreaterThanOrEqual(5);
    expect(f.hysteresis.pct).toBeLessThanOrEqual(10);
    expect(f.none.pct, 'without hysteresis the growing clusters flap').toBeGreaterThan(50);
  });
});

import { describe, expect, it } from 'vitest';
import { runStoryline, buildTimeline, type Storyline } from '../../../engine/storyline';
import { createEngine, type TickResult } from '../../../engine';
import { loadStoryline } from '../load';
import { runStorylineHeadless } from '../headless';
import { builtinStorylines } from './index';

function clusterValue(r: TickResult, clusterId: string, metricIndex: number): number {
  const b = r.blocks.find((x) => x.kind === 'cluster')!;
  const e = b.ids.indexOf(clusterId);
  return b.values[metricIndex * b.ids.length + e] ?? NaN;
}

/** Runs a storyline keeping every tick's value of one cluster metric. */
function sampled(story: Storyline, clusterId: string, metric: string): { series: Map<number, number> } {
  const loaded = loadStoryline(story);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const e = createEngine(loaded.value.scenario);
  if (!e.ok) throw new Error(e.error.message);
  const m = e.value.catalog().cluster.findIndex((d) => d.name === metric);
  const series = new Map<number, number>();
  runStoryline(e.value, story, { onTick: (r) => series.set(r.time, clusterValue(r, clusterId, m)) });
  return { series };
}

describe('built-in storylines', () => {
  const all = builtinStorylines();

  it('are the four shows of the issue, each with English and Chinese captions', () => {
    expect(all.map((s) => s.title.en)).toEqual([
      'Black Friday',
      'Host failure',
      'Consolidation',
      'Containers vs VMs',
      'Why the 32-vCPU VM is slower',
      'SIOC saves the database',
      'The pie paradox',
    ]);
    for (const s of all) for (const e of s.events) if (e.caption) expect(e.caption['zh-CN']).toBeTruthy();
  });

  it.each(all.map((s) => [s.id, s] as const))(
    '%s validates, runs headless to its end and fires every event with its caption',
    (_id, story) => {
      const loaded = loadStoryline(story);
      expect(loaded.ok ? 'ok' : loaded.error.message).toBe('ok');
      if (!loaded.ok) return;
      const out = runStorylineHeadless(story, loaded.value.scenario);
      if (!out.ok) throw new Error(out.error.message);
      const run = out.value;
      const tick = run.tickSeconds;
      expect(run.endTime).toBe(Math.ceil(story.durationSec / tick) * tick);
      // Every timeline step fired once, in timeline order, at the first tick boundary at or after its time.
      const steps = buildTimeline(story.events).filter((s) => s.at <= run.endTime);
      expect(run.events.map((e) => [e.index, e.phase, e.at])).toEqual(
        steps.map((s) => [s.index, s.phase, s.at]),
      );
      for (const e of run.events) expect(e.firedAt).toBe(Math.ceil(e.at / tick) * tick);
      // Captions are exactly the file's captions, in order, in both languages.
      const expected = steps
        .filter((s) => s.phase === 'start' && story.events[s.index]!.caption)
        .map((s) => story.events[s.index]!.caption!);
      expect(run.captions.map((c) => ({ en: c.en, 'zh-CN': c['zh-CN'] }))).toEqual(expected);
      // The same show twice gives the same run.
      const again = runStorylineHeadless(story, loaded.value.scenario);
      expect(again.ok && again.value.runHash).toBe(run.runHash);
    },
  );

  it('Black Friday: the spike at least triples the CPU the shop uses, and ends', () => {
    const story = all.find((s) => s.id === 'black-friday')!;
    const { series } = sampled(story, 'cluster-shop', 'cpu.usage.mhz');
    // before: 24 × 4 × 2400 × 15 % + 2 × 8 × 2400 × 20 % = 42,240 MHz; during, web demand is ×5 (172,800 MHz)
    // and four hosts alone offer 153,600 MHz, so usage must exceed three times the quiet level.
    const before = series.get(1200)!;
    const during = series.get(3600)!;
    const after = series.get(9000)!;
    expect(before).toBeGreaterThan(35_000);
    expect(before).toBeLessThan(50_000);
    expect(during).toBeGreaterThan(3 * before);
    expect(after).toBeLessThan(1.5 * before);
  });

  it('Black Friday: DPM wakes both standby hosts for the rush, DRS spreads the VMs, hosts sleep again after', () => {
    const story = all.find((s) => s.id === 'black-friday')!;
    const { series } = sampled(story, 'cluster-shop', 'hosts.connected');
    // 172,800 MHz of web demand (+ the databases) against 4 × 38,400 = 153,600 MHz: four hosts cannot carry it.
    expect(series.get(1200)).toBe(4);
    expect(series.get(2400)).toBe(6);
    // afterwards the quiet load (~42,000 MHz) fits on far fewer than six hosts
    expect(series.get(10_800)!).toBeLessThan(6);
    const loaded = loadStoryline(story);
    const out = loaded.ok ? runStorylineHeadless(story, loaded.value.scenario) : null;
    expect(out?.ok && out.value.eventCounts['vm.migrated']).toBeGreaterThan(0);
  });

  it("Host failure: the failed host's VMs are restarted by HA and the oversized VM is refused", () => {
    const story = all.find((s) => s.id === 'host-failure')!;
    const { series } = sampled(story, 'cluster-ha', 'vms.poweredOn');
    expect(series.get(300)).toBe(12);
    // after the failure at 300 s three VMs are down …
    expect(Math.min(...[320, 340].map((t) => series.get(t)!))).toBeLessThan(12);
    // … and HA (30 s restart delay plus boot) has them running again by the 420 s caption
    expect(series.get(420)).toBe(12);
    const loaded = loadStoryline(story);
    const out = loaded.ok ? runStorylineHeadless(story, loaded.value.scenario) : null;
    const create = out?.ok ? out.value.events.find((e) => e.type === 'command') : undefined;
    expect(create?.commands[0]?.ok).toBe(false);
  });

  it('Consolidation: three hosts go to standby and the cluster draws less power', () => {
    const story = all.find((s) => s.id === 'consolidation')!;
    const power = sampled(story, 'cluster-night', 'power.w').series;
    const hosts = sampled(story, 'cluster-night', 'hosts.connected').series;
    expect(hosts.get(280)).toBe(6);
    expect(hosts.get(3600)).toBe(3);
    // six hosts near idle (≥ 6 × 110 W) → three hosts near idle: at most 60 % of the start.
    expect(power.get(3600)!).toBeLessThan(0.6 * power.get(280)!);
  });

  it('Containers vs VMs: scaling doubles the replicas on both sides, and the containers need less memory', () => {
    const story = all.find((s) => s.id === 'containers-vs-vms')!;
    const vmMem = sampled(story, 'cluster-vms', 'mem.consumed.mib').series;
    const k8sMem = sampled(story, 'cluster-k8s', 'mem.consumed.mib').series;
    // 8 VMs × 4 GiB configured against 8 containers × ≤ 1 GiB limit
    expect(k8sMem.get(560)!).toBeLessThan(vmMem.get(560)!);
    expect(vmMem.get(1800)!).toBeGreaterThan(vmMem.get(560)!);
  });
});

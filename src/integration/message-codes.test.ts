// @vitest-environment happy-dom
/**
 * The engine's message codes and the console's message files agree (issue 12): every code has an English
 * and a Chinese text, the English text is exactly the engine's template (what is stored), and the events
 * and tasks of a real run render in Chinese with every parameter filled.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES_EN, createEngine, type EngineEvent, type TaskInfo } from '../main/engine';
import { builtinScenario } from '../main/engine/scenarios';
import { i18n } from '../renderer/src/i18n';
import en from '../renderer/src/i18n/en';
import { eventTypeLabel, renderMsg } from '../renderer/src/i18n/msg';

function flatten(o: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof o === 'string') out.set(prefix, o);
  else if (typeof o === 'object' && o !== null)
    for (const [k, v] of Object.entries(o)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

function run(): { events: EngineEvent[]; tasks: TaskInfo[] } {
  const made = createEngine(builtinScenario('edge')!);
  if (!made.ok) throw new Error(made.error.message);
  const e = made.value;
  const hosts = e.scenario.hosts.map((h) => h.id);
  const vms = e.scenario.vms.map((v) => v.id);
  const events: EngineEvent[] = [];
  const tasks = new Map<string, TaskInfo>();
  for (let i = 0; i < 600; i++) {
    if (i === 5) e.execute({ type: 'vm.migrate', vmId: vms[0]!, hostId: hosts[1]! });
    if (i === 10) e.execute({ type: 'vm.power', vmId: vms[1]!, action: 'off' });
    if (i === 100) e.execute({ type: 'host.fail', hostId: hosts[1]! });
    if (i === 300) e.execute({ type: 'host.repair', hostId: hosts[1]! });
    const r = e.step();
    events.push(...r.events);
    for (const t of r.tasks) tasks.set(t.id, t);
  }
  return { events, tasks: [...tasks.values()] };
}

describe('message codes in the console', () => {
  it('the English message file holds exactly the engine templates under msg.<code>', () => {
    const file = flatten(en.msg);
    expect([...file.keys()].sort()).toEqual(Object.keys(MESSAGES_EN).sort());
    for (const [code, text] of Object.entries(MESSAGES_EN)) expect(file.get(code), code).toBe(text);
  });

  it('a run with a migration and a host failure renders in Chinese, and in English as stored', () => {
    const { events, tasks } = run();
    expect(events.some((e) => e.type === 'host.failed')).toBe(true);
    expect(events.some((e) => e.type === 'vm.migrated')).toBe(true);
    const g = i18n.global;
    const t = (k: string, p: Record<string, unknown>): string => g.t(k, p);
    const te = (k: string): boolean => g.te(k);
    const n = (v: number): string => g.n(v, 'integer');
    g.locale.value = 'zh-CN';
    const texts = [
      ...events.map((e) => renderMsg(e.msg, e.message, t, te, n)),
      ...events.map((e) => eventTypeLabel(e.type, t, te)),
      ...tasks.map((x) => renderMsg(x.descriptionMsg, x.description, t, te, n)),
      ...tasks.flatMap((x) => (x.reason === null ? [] : [renderMsg(x.reasonMsg, x.reason, t, te, n)])),
    ];
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) {
      expect(text).toMatch(/[\u4e00-\u9fff]/);
      expect(text).not.toMatch(/\{\w+\}/);
    }
    g.locale.value = 'en';
    // English from codes equals the stored text, apart from thousands separators in counts and values with
    // a unit, which the console shows with their prefix ("11,619 MiB" stored, "11.3 GiB" shown).
    const units = (x: string) => x.replace(/[\d.,]+ (?:MiB|GiB|TiB|MHz|GHz)\b/g, 'N U');
    for (const e of events)
      expect(units(renderMsg(e.msg, '', t, te, (v) => String(v)))).toBe(units(e.message));
    // A record without a code (older file) or with an unknown code shows its stored text.
    expect(renderMsg(undefined, 'stored', t, te, n)).toBe('stored');
    expect(renderMsg({ code: 'ev.fromTheFuture', params: {} }, 'stored', t, te, n)).toBe('stored');
  });

  it('DRS reasons, scheduling summaries, pre-checks and placement explanations render in Chinese', () => {
    const made = createEngine(builtinScenario('small-lab')!);
    if (!made.ok) throw new Error(made.error.message);
    const e = made.value;
    e.execute({
      type: 'cluster.configure',
      clusterId: 'cl-lab',
      settings: { drs: { enabled: true, automation: 'manual', threshold: 3 } },
    });
    for (let i = 0; i < 10; i++) e.step();
    e.execute({ type: 'host.maintenance', hostId: 'host-esx-03', enter: true });
    e.step();
    const d = e.describe('cl-lab');
    if (!d.ok || d.value.kind !== 'cluster' || !d.value.scheduling) throw new Error('no scheduling');
    const s = d.value.scheduling;
    const pc = e.precheckMigration('vm-web-01', 'host-esx-03');
    if (!pc.ok) throw new Error(pc.error.message);
    const ex = e.explainPlacement({
      kind: 'vm',
      clusterId: 'cl-lab',
      vcpus: 2,
      memMiB: 4096,
    });
    if (!ex.ok) throw new Error(ex.error.message);
    const g = i18n.global;
    const t = (k: string, p: Record<string, unknown>): string => g.t(k, p);
    const te = (k: string): boolean => g.te(k);
    const n = (v: number): string => g.n(v, 'integer');
    g.locale.value = 'zh-CN';
    const w = e.world;
    const names = [...w.vms, ...w.hosts, ...w.clusters, ...w.datastores]
      .map((x) => x.name)
      .sort((a, b) => b.length - a.length);
    const msgs = [
      ...s.drs.recommendations.map((r) => r.reasonMsg),
      s.drs.summaryMsg,
      s.dpm.summaryMsg,
      s.ha.summaryMsg,
      ...pc.value.errorMsgs,
      ...pc.value.warningMsgs,
      ex.value.summaryMsg,
      ...ex.value.hosts.flatMap((h) => h.reasonMsgs ?? []),
    ];
    expect(s.drs.recommendations.length).toBeGreaterThan(0);
    expect(msgs.length).toBeGreaterThan(6);
    for (const m of msgs) {
      expect(m).toBeDefined();
      const text = renderMsg(m, '', t, te, n, 'zh-CN');
      expect(text, m!.code).toMatch(/[\u4e00-\u9fff]/);
      expect(text, m!.code).not.toMatch(/\{\w+\}/);
      // No English words but names, ids, abbreviations and units.
      let rest = text;
      for (const name of names) rest = rest.split(name).join(' ');
      const words = rest.replace(/[A-Z]\w*Filter|nova/g, '').match(/[a-z]{3,}/g);
      expect(words, `${m!.code}: ${text}`).toBeNull();
    }
    // Units with their prefix and the locale's separators, never a raw count of MiB.
    expect(renderMsg({ code: 'unit.MiB', params: { v: 12582912 } }, '', t, te, n, 'zh-CN')).toBe('12 TiB');
    expect(renderMsg({ code: 'unit.MHz', params: { v: 1964794.3 } }, '', t, te, n, 'zh-CN')).toBe(
      '1,965 GHz',
    );
    g.locale.value = 'en';
  });
});

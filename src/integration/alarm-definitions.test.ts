/**
 * Alarm definitions (issue 12): listed, edited, created, disabled and deleted through the API against
 * the real service and workspace file; a lowered threshold raises alarms on the next evaluation, a
 * disabled definition's alarms clear (recorded alarms stay), and the definitions survive a reopen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VdcService } from '../main/service/vdc-service';
import { createApi, type Api } from '../renderer/src/api';
import { memoryTransport } from './memory-transport';

let dataDir = '';
let svc: VdcService;
let transport: ReturnType<typeof memoryTransport>;
let api: Api;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vdc-alarmdefs-'));
  svc = await VdcService.start({ dataDir, shell: 'test', autoPlay: false });
  transport = memoryTransport(svc);
  api = createApi(transport);
});

afterEach(async () => {
  transport.disconnect();
  await svc.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('alarm definitions', () => {
  it('a lowered threshold raises alarms on the next tick; disabling clears them; all survives a reopen', async () => {
    const defs = must(await api.call('alarms.definitions', {}));
    expect(defs.map((d) => d.id)).toEqual(['host.cpu', 'host.mem', 'datastore.usage', 'vm.ready']);
    const cpu = defs.find((d) => d.id === 'host.cpu')!;
    expect(cpu).toMatchObject({
      warning: 75,
      critical: 90,
      tolerance: 5,
      durationSec: 300,
      builtin: true,
      unit: '%',
    });

    must(await api.call('clock.step', { ticks: 2 }));
    const hostCpuAlarms = async (activeOnly: boolean) =>
      must(await api.call('alarms.query', { activeOnly, limit: 1000 })).rows.filter(
        (a) => a.rule === 'host.cpu',
      );
    expect(await hostCpuAlarms(true)).toEqual([]);

    const { builtin: _b, unit: _u, ...input } = cpu;
    const edited = must(
      await api.call('alarms.define', {
        definition: { ...input, warning: 0.5, critical: 1, durationSec: 0 },
      }),
    );
    expect(edited.find((d) => d.id === 'host.cpu')).toMatchObject({
      warning: 0.5,
      critical: 1,
      durationSec: 0,
    });
    must(await api.call('clock.step', { ticks: 1 }));
    const raised = await hostCpuAlarms(true);
    expect(raised.length).toBeGreaterThan(0);
    expect(raised[0]!.message).toMatch(/Host CPU usage of .* is [\d.]+ % \(threshold 1 %\)/);

    // refusals name the field and change nothing
    const backwards = await api.call('alarms.define', {
      definition: { ...input, warning: 90, critical: 80 },
    });
    expect(backwards.ok ? '' : backwards.error.message).toContain('critical must be beyond warning');
    const unknown = await api.call('alarms.define', {
      definition: { ...input, id: undefined, metric: 'cpu.nonsense' },
    });
    expect(unknown.ok ? '' : unknown.error.code).toBe('INVALID_ARGUMENT');
    expect(unknown.ok ? '' : unknown.error.message).toContain('"cpu.nonsense" is not a host metric');
    expect(must(await api.call('alarms.definitions', {}))).toHaveLength(4);

    // a user-made "is below" definition, then deleted; built-ins cannot be deleted
    const made = must(
      await api.call('alarms.define', {
        definition: {
          label: 'Host memory headroom',
          kind: 'host',
          metric: 'mem.usage.pct',
          direction: 'below',
          warning: 99,
          critical: 98,
          tolerance: 0,
          durationSec: 0,
          enabled: true,
        },
      }),
    );
    expect(made.at(-1)).toMatchObject({ id: 'user.1', builtin: false, direction: 'below' });
    must(await api.call('clock.step', { ticks: 1 }));
    const below = must(await api.call('alarms.query', { activeOnly: true, limit: 1000 })).rows.filter(
      (a) => a.rule === 'user.1',
    );
    expect(below.length).toBeGreaterThan(0);
    expect(below[0]!.message).toMatch(/threshold ≤ 98 %/);
    const refused = await api.call('alarms.deleteDefinition', { id: 'host.cpu' });
    expect(refused.ok ? '' : refused.error.message).toContain('disable it instead');
    expect(must(await api.call('alarms.deleteDefinition', { id: 'user.1' })).map((d) => d.id)).not.toContain(
      'user.1',
    );

    // disable: its active alarms clear at the next evaluation; the recorded rows stay
    const before = (await hostCpuAlarms(false)).length;
    must(
      await api.call('alarms.define', {
        definition: { ...input, warning: 0.5, critical: 1, durationSec: 0, enabled: false },
      }),
    );
    must(await api.call('clock.step', { ticks: 1 }));
    expect(await hostCpuAlarms(true)).toEqual([]);
    const after = await hostCpuAlarms(false);
    expect(after.length).toBe(before);
    expect(after.every((a) => a.clearedAt !== null)).toBe(true);
    expect(
      must(await api.call('alarms.query', { activeOnly: true, limit: 1000 })).rows.filter(
        (a) => a.rule === 'user.1',
      ),
    ).toEqual([]);

    // reopen: the definitions are the workspace's
    const path = must(await api.call('workspace.current', {}))!.path;
    must(await api.call('workspace.close', {}));
    must(await api.call('workspace.open', { path }));
    const reopened = must(await api.call('alarms.definitions', {}));
    expect(reopened.find((d) => d.id === 'host.cpu')).toMatchObject({
      warning: 0.5,
      critical: 1,
      enabled: false,
    });
    expect(reopened.map((d) => d.id)).toEqual(['host.cpu', 'host.mem', 'datastore.usage', 'vm.ready']);
  });
});

/**
 * The console's stores against the real service in this process (real engine, real workspace file),
 * through the api provided by an app over an in-memory transport: what the console shows is what the
 * backend answers, typed by the same contract.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import { VdcService } from '../main/service/vdc-service';
import { apiPlugin, createApi, type Api } from '../renderer/src/api';
import { useClockStore } from '../renderer/src/stores/clock';
import { useInventoryStore } from '../renderer/src/stores/inventory';
import { useTasksStore } from '../renderer/src/stores/tasks';
import { useWorkspaceStore } from '../renderer/src/stores/workspace';
import { memoryTransport } from './memory-transport';

let dataDir = '';
let svc: VdcService;
let transport: ReturnType<typeof memoryTransport>;
let api: Api;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vdc-console-'));
  svc = await VdcService.start({ dataDir, shell: 'test', autoPlay: false });
  transport = memoryTransport(svc);
  const app = createApp({});
  const pinia = createPinia();
  api = createApi(transport);
  app.use(apiPlugin(api));
  app.use(pinia);
  setActivePinia(pinia);
});

afterEach(async () => {
  transport.disconnect();
  await svc.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Waits until `cond` holds, letting the service's pushes and timers run. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('console stores over the real service', () => {
  it('shows the open workspace, steps the clock and indexes the real inventory', async () => {
    const ws = useWorkspaceStore();
    await ws.load();
    expect(ws.current?.scenarioName).toBeTruthy();
    const clock = useClockStore();
    await clock.load();
    const before = clock.state!.tick;
    expect(await clock.step(3)).toBe(true);
    expect(clock.state!.tick).toBe(before + 3);
    expect(await clock.step(0)).toBe(false);
    expect(clock.lastError?.code).toBe('BAD_REQUEST');

    const inv = useInventoryStore();
    await inv.refresh();
    const hosts = inv.all(['host']);
    expect(hosts.length).toBeGreaterThan(0);
    expect(inv.selectedId).toBe(inv.roots[0]!.id);
    expect(inv.descendants(inv.roots[0]!.id, ['vm']).length).toBe(inv.all(['vm']).length);
  });

  it('follows a command the console runs: its task arrives by push and finishes', async () => {
    const inv = useInventoryStore();
    await inv.refresh();
    const tasks = useTasksStore();
    await tasks.load();
    const vm = inv.all(['vm']).find((v) => v.state === 'poweredOn')!;
    const r = await api.call('command.execute', {
      command: { type: 'vm.power', vmId: vm.id, action: 'suspend' },
    });
    expect(r.ok).toBe(true);
    const taskId = r.ok ? r.value.taskId : undefined;
    expect(taskId).toBeTruthy();
    await until(() => tasks.recent.some((t) => t.id === taskId), 'the task push');
    const clock = useClockStore();
    for (let i = 0; i < 30 && tasks.recent.find((t) => t.id === taskId)?.state !== 'success'; i++) {
      await clock.step(1);
    }
    await until(() => tasks.recent.find((t) => t.id === taskId)?.state === 'success', 'the task to succeed');
    await inv.refresh();
    expect(inv.node(vm.id)?.state).toBe('suspended');
  });
});

/**
 * The global events/tasks console's server-side filters (issue 12, "Events, tasks, alarms"): object with
 * its children, type, time range (clamped), sort, and the recorded types — against the real service
 * and a real workspace file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VdcService } from '../main/service/vdc-service';
import { createApi, type Api } from '../renderer/src/api';
import type { InventoryNodeView } from '../shared/schemas/views';
import { memoryTransport } from './memory-transport';

let dataDir = '';
let svc: VdcService;
let transport: ReturnType<typeof memoryTransport>;
let api: Api;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vdc-ops-'));
  svc = await VdcService.start({ dataDir, shell: 'test', autoPlay: false });
  transport = memoryTransport(svc);
  api = createApi(transport);
});

afterEach(async () => {
  transport.disconnect();
  await svc.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

const walk = (nodes: InventoryNodeView[], out: InventoryNodeView[] = []): InventoryNodeView[] => {
  for (const n of nodes) {
    out.push(n);
    walk(n.children ?? [], out);
  }
  return out;
};
function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('events and tasks console filters', () => {
  it('scope an object with its children, filter by type and time, sort, and list the types', async () => {
    const all = walk(must(await api.call('inventory.tree', {})));
    const vm = all.find((n) => n.kind === 'vm' && n.state === 'poweredOn')!;
    const host = all.find((n) => n.id === vm.parentId)!;
    expect(host.kind).toBe('host');
    must(await api.call('clock.step', { ticks: 3 }));
    must(
      await api.call('command.execute', { command: { type: 'vm.power', vmId: vm.id, action: 'suspend' } }),
    );
    must(await api.call('clock.step', { ticks: 5 }));

    const vmTasks = must(await api.call('tasks.query', { objectId: vm.id, limit: 50 }));
    expect(vmTasks.total).toBeGreaterThan(0);
    const taskIds = vmTasks.rows.map((t) => t.id);
    // a host's own records do not hold its VM's task; with its children they do
    const own = must(await api.call('tasks.query', { objectId: host.id, limit: 50 }));
    expect(own.rows.some((t) => taskIds.includes(t.id))).toBe(false);
    const withChildren = must(
      await api.call('tasks.query', { objectId: host.id, includeChildren: true, limit: 50 }),
    );
    expect(withChildren.rows.map((t) => t.id)).toEqual(expect.arrayContaining(taskIds));
    const vmEvents = must(await api.call('events.query', { objectId: vm.id, limit: 50 }));
    expect(vmEvents.total).toBeGreaterThan(0);
    const hostEvents = must(
      await api.call('events.query', { objectId: host.id, includeChildren: true, limit: 500 }),
    );
    expect(hostEvents.total).toBeGreaterThanOrEqual(vmEvents.total);

    // types recorded, and the type filter returns only that type
    const types = must(await api.call('history.types', {}));
    expect(types.tasks).toContain(vmTasks.rows[0]!.type);
    const type = vmEvents.rows[0]!.type;
    expect(types.events).toContain(type);
    const ofType = must(await api.call('events.query', { type, limit: 1000 }));
    expect(ofType.total).toBeGreaterThan(0);
    expect(ofType.rows.every((e) => e.type === type)).toBe(true);
    const tasksOfType = must(await api.call('tasks.query', { type: vmTasks.rows[0]!.type, limit: 1000 }));
    expect(tasksOfType.rows.every((t) => t.type === vmTasks.rows[0]!.type)).toBe(true);

    // time range: only events inside it; a range past the recorded time is clamped (not an error)
    const now = must(await api.call('clock.get', {})).time;
    const t0 = vmEvents.rows.at(-1)!.time;
    const inRange = must(await api.call('events.query', { from: t0, to: t0, limit: 1000 }));
    expect(inRange.total).toBeGreaterThan(0);
    expect(inRange.rows.every((e) => e.time === t0)).toBe(true);
    const future = must(await api.call('events.query', { from: now + 1e6, to: now + 2e6, limit: 1000 }));
    expect(future.rows.every((e) => e.time === now)).toBe(true);
    const bad = await api.call('events.query', { from: 10, to: 5, limit: 10 });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('BAD_REQUEST');
    expect(bad.ok ? '' : bad.error.message).toContain('"from" must not be after "to"');

    // oldest first
    const asc = must(await api.call('events.query', { order: 'asc', limit: 1000 })).rows.map((e) => e.time);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
  });
});

/**
 * Events and tasks roll up to their cluster and datacenter (issue 12, defect 3: those tabs were always
 * empty), against the real service and a real workspace file.
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
  dataDir = mkdtempSync(join(tmpdir(), 'vdc-rollup-'));
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

describe('events and tasks roll up', () => {
  it("a VM's task and events show on its cluster and datacenter", async () => {
    const tree = await api.call('inventory.tree', {});
    if (!tree.ok) throw new Error(tree.error.message);
    const all = walk(tree.value);
    const vm = all.find((n) => n.kind === 'vm' && n.state === 'poweredOn')!;
    const byId = new Map(all.map((n) => [n.id, n]));
    const up = (id: string, kind: string): string => {
      let n = byId.get(id);
      while (n && n.kind !== kind) n = n.parentId ? byId.get(n.parentId) : undefined;
      if (!n) throw new Error(`no ${kind} above ${id}`);
      return n.id;
    };
    const cluster = up(vm.id, 'cluster');
    const dc = up(vm.id, 'datacenter');
    const r = await api.call('command.execute', {
      command: { type: 'vm.power', vmId: vm.id, action: 'suspend' },
    });
    expect(r.ok).toBe(true);
    expect((await api.call('clock.step', { ticks: 5 })).ok).toBe(true);

    const own = await api.call('tasks.query', { objectId: vm.id, limit: 50 });
    if (!own.ok) throw new Error(own.error.message);
    expect(own.value.total).toBeGreaterThan(0);
    const ownEvents = await api.call('events.query', { objectId: vm.id, limit: 50 });
    if (!ownEvents.ok) throw new Error(ownEvents.error.message);
    expect(ownEvents.value.total).toBeGreaterThan(0);
    for (const objectId of [cluster, dc]) {
      const tasks = await api.call('tasks.query', { objectId, limit: 50 });
      if (!tasks.ok) throw new Error(tasks.error.message);
      expect(
        tasks.value.rows.map((t) => t.id),
        `tasks of ${objectId}`,
      ).toEqual(expect.arrayContaining(own.value.rows.map((t) => t.id)));
      const events = await api.call('events.query', { objectId, limit: 200 });
      if (!events.ok) throw new Error(events.error.message);
      const key = (e: { time: number; type: string; message: string }): string =>
        `${e.time}|${e.type}|${e.message}`;
      expect(events.value.rows.map(key), `events of ${objectId}`).toEqual(
        expect.arrayContaining(ownEvents.value.rows.map(key)),
      );
    }
    // another VM's own tab keeps listing the host's own records only (no roll-up below cluster level)
    const other = all.find((n) => n.kind === 'vm' && n.id !== vm.id && up(n.id, 'cluster') === cluster);
    if (other) {
      const t = await api.call('tasks.query', { objectId: other.id, limit: 50 });
      expect(t.ok && t.value.rows.some((x) => own.value.rows.some((o) => o.id === x.id))).toBe(false);
    }
  });
});

/**
 * Resource pools through the API (issue 20), against the real service: params are validated with the
 * contract's zod schemas (a bad field is named, nothing changes), the engine's checks answer with the field
 * too, and `pools.list` shows a created pool with its reservation used / unreserved.
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
  dataDir = mkdtempSync(join(tmpdir(), 'vdc-pools-'));
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

describe('pools through the API', () => {
  it('refuses bad params naming the field, and lists a created pool', async () => {
    const cluster = must(await api.call('entity.list', { kind: 'cluster' }))[0]!;
    const bad = await api.call('command.execute', {
      command: { type: 'pool.create', clusterId: cluster.id, name: 'A', cpu: { shares: 'huge' } },
    } as never);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('BAD_REQUEST');
      expect(bad.error.message).toContain('cpu.shares');
    }
    const negative = await api.call('command.execute', {
      command: { type: 'pool.create', clusterId: cluster.id, name: 'A', mem: { reservation: -1 } },
    });
    expect(negative.ok).toBe(false);
    if (!negative.ok) expect(negative.error.message).toContain('mem.reservation');
    const aboveLimit = await api.call('command.execute', {
      command: { type: 'pool.create', clusterId: cluster.id, name: 'A', cpu: { reservation: 20, limit: 10 } },
    });
    expect(aboveLimit.ok).toBe(false);
    if (!aboveLimit.ok)
      expect(aboveLimit.error.message).toContain('cpu.reservation: 20 MHz exceeds the limit of 10 MHz');
    expect(must(await api.call('pools.list', {}))).toEqual([]);
    const unknown = await api.call('pools.list', { clusterId: 'cl-nope' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('NOT_FOUND');

    const created = must(
      await api.call('command.execute', {
        command: { type: 'pool.create', clusterId: cluster.id, name: 'Tenant A', cpu: { reservation: 1500 } },
      }),
    );
    const views = must(await api.call('pools.list', { clusterId: cluster.id }));
    expect(views.map((v) => v.kind)).toEqual(['root', 'pool']);
    const pool = views.find((v) => v.id === created.createdId)!;
    expect(pool).toMatchObject({ name: 'Tenant A', parentId: cluster.id, vmIds: [] });
    expect(pool.cpu.reservation).toBe(1500);
    expect(pool.cpu.unreserved).toBe(1500);
    expect(views[0]!.cpu.reservationUsed).toBeGreaterThanOrEqual(1500);
    expect(views[0]!.childIds).toEqual([created.createdId]);
  });
});

/** `vdc capacity --show pools` (issue 20): capacity per resource pool — tenant quota use — as text and JSON. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinScenario, type Scenario } from '../../engine';
import { recorded } from '../../service/capacity/testing';
import type { CliIO } from '../command';
import { runCli } from '../run';
import { capacityCommand } from './capacity';

let dir: string;
function io(): CliIO & { text: () => string } {
  let out = '';
  return { out: (t) => (out += t + '\n'), err: () => undefined, isTTY: false, cwd: dir, text: () => out };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-pools-'));
  const base = builtinScenario('small-lab')!;
  const s: Scenario = {
    ...base,
    vms: base.vms.map((v) => (v.id.startsWith('vm-db-') ? { ...v, poolId: 'pool-tenant-a' } : v)),
    resourcePools: [
      {
        id: 'pool-tenant-a',
        name: 'Tenant A',
        clusterId: 'cl-lab',
        cpu: { shares: 'high', reservation: 2000, limit: 20000 },
        mem: { reservation: 4096, limit: 65536 },
      },
      { id: 'pool-tenant-b', name: 'Tenant B', clusterId: 'cl-lab', cpu: { limit: 5000 } },
    ],
  };
  recorded(dir, s, { tickSeconds: 300, days: 1, name: 'pools' }).ws.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vdc capacity --show pools', () => {
  it('lists the cluster root and each pool with its quota use', async () => {
    const a = io();
    expect(
      await runCli(['capacity', '--workspace', 'pools.vdc', '--show', 'pools', '--json'], a, [
        capacityCommand,
      ]),
    ).toBe(0);
    const rows = (JSON.parse(a.text()) as { pools: Record<string, unknown>[] }).pools;
    expect(rows.map((r) => r['path'])).toEqual([
      'Lab Cluster',
      'Lab Cluster / Tenant A',
      'Lab Cluster / Tenant B',
    ]);
    const tenantA = rows[1] as {
      vms: number;
      cpu: { reservation: number; limit: number; reservationUsed: number; unreserved: number; usage: number };
      mem: { reservationUsed: number };
    };
    expect(tenantA.vms).toBe(2);
    expect(tenantA.cpu.reservation).toBe(2000);
    expect(tenantA.cpu.limit).toBe(20000);
    expect(tenantA.cpu.unreserved).toBe(2000 - tenantA.cpu.reservationUsed);
    expect(tenantA.cpu.usage).toBeGreaterThan(0);
    expect(tenantA.mem.reservationUsed).toBeGreaterThan(0);
    const root = rows[0] as { vms: number; cpu: { reservationUsed: number } };
    expect(root.vms).toBe(builtinScenario('small-lab')!.vms.length);
    expect(root.cpu.reservationUsed).toBeGreaterThanOrEqual(2000);
    const t = io();
    expect(
      await runCli(['capacity', '--workspace', 'pools.vdc', '--show', 'pools'], t, [capacityCommand]),
    ).toBe(0);
    expect(t.text()).toContain('Lab Cluster / Tenant B');
    expect(t.text()).toContain('CPU unreserved MHz');
  });
});

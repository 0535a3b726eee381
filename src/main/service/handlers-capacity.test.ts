import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VdcService } from './vdc-service';
import { rvtoolsGrids, xlsxOf } from './inventory-io/testing';

let dir: string;
let svc: VdcService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-caph-'));
  svc = await VdcService.start({ dataDir: dir, shell: 'test', autoPlay: false });
});
afterEach(async () => {
  await svc.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const call = async <T = Record<string, unknown>>(method: string, params: unknown): Promise<T> => {
  const r = await svc.call('t', method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
};

describe('capacity API', () => {
  it('imports an RVTools workbook into a new workspace and answers the planning questions', async () => {
    const bytes = await xlsxOf(rvtoolsGrids({ hosts: 4, vms: 24, perCluster: 4 }));
    const files = [{ name: 'rv.xlsx', base64: Buffer.from(bytes).toString('base64') }];
    const preview = await call<{ counts: { hosts: number; vms: number } }>('import.preview', { files });
    expect(preview.counts).toMatchObject({ hosts: 4, vms: 24 });
    const applied = await call<{ workspace: { name: string } }>('import.apply', { files, name: 'Imported lab' });
    expect(applied.workspace.name).toBe('Imported lab');
    await call('clock.step', { ticks: 90 });
    const sum = await call<{ allocation: { scope: string; cpu: { physical: number; configured: number } }[] }>('capacity.summary', {});
    // 4 hosts × 32 cores; powered-on vCPUs: 24 VMs of 1,2,4,8 with every 10th off (vm-10, vm-20: 2 and 8) → 90 − 10 = 80.
    const cl = sum.allocation.find((r) => r.scope === 'cluster')!;
    expect(cl.cpu.physical).toBe(128);
    expect(cl.cpu.configured).toBe(80);
    const hr = await call<{ rows: { profileId: string; byAllocation: { count: number } }[] }>('capacity.headroom', { policy: { cpuOvercommit: 2 } });
    // by allocation with 2:1 and HA 25 % (1 of 4 hosts): 256 × 0.75 = 192 − 80 = 112 small VMs by vCPU; memory/disk allow more? memory 2 TiB × 0.75 = 1536 GiB − ~170 GiB → ~680 small.
    expect(hr.rows.find((r) => r.profileId === 'small')!.byAllocation.count).toBe(112);
    const csv = await call<{ text: string }>('capacity.csv', { table: 'headroom' });
    expect(csv.text.split('\r\n')[0]).toContain('More VMs by allocation');
    const fo = await call<{ clusters: { single: unknown[] }[] }>('capacity.failover', { method: 'estimate' });
    expect(fo.clusters[0]!.single).toHaveLength(4);
  });

  it('refuses an import with bad rows unless asked to skip them; the open workspace stays', async () => {
    const g = rvtoolsGrids({ hosts: 2, vms: 4 });
    g.vInfo![2]![5] = -1;
    const files = [{ name: 'rv.xlsx', base64: Buffer.from(await xlsxOf(g)).toString('base64') }];
    const before = svc.workspaceInfo()!.path;
    const r = await svc.call('t', 'import.apply', { files });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/vInfo row 3, column "Memory"/);
    expect(svc.workspaceInfo()!.path).toBe(before);
    const skipped = await call<{ preview: { counts: { vms: number } } }>('import.apply', { files, skipBadRows: true });
    expect(skipped.preview.counts.vms).toBe(3);
  });

  it('refuses a 100 MB file by path without reading it', async () => {
    const big = join(dir, 'huge.xlsx');
    const { openSync, ftruncateSync, closeSync } = await import('node:fs');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 100 * 1024 * 1024);
    closeSync(fd);
    const r = await svc.call('t', 'import.preview', { path: big });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('huge.xlsx is 100 MiB');
  });

  it('what-if, compare, export and report through the API', async () => {
    await call('clock.step', { ticks: 30 });
    const b = await call<{ id: string }>('whatif.create', { name: 'more VMs', changes: [{ type: 'addVms', clusterId: 'cl-lab', count: 3, profile: { id: 'm', name: 'm', vcpus: 2, memMiB: 4096, diskGiB: 20, cpuUtilPct: 30, memUtilPct: 50, diskUtilPct: 50 } }] });
    await call('whatif.run', { id: b.id, days: 0.5, tickSeconds: 300 });
    const list = await call<{ id: string; ranSec: number }[]>('whatif.list', {});
    expect(list[0]!.ranSec).toBeGreaterThanOrEqual(0.5 * 86_400 - 300);
    const cmp = await call<{ rows: { name: string }[] }>('whatif.compare', { ids: [b.id] });
    expect(cmp.rows[0]!.name).toBe('more VMs');
    const html = join(dir, 'out', 'report.html');
    const rep = await call<{ bytes: number }>('report.generate', { format: 'html', path: html, branchIds: [b.id] });
    const text = readFileSync(html, 'utf8');
    expect(rep.bytes).toBe(Buffer.byteLength(text));
    expect(text).toContain('<svg');
    expect(text).toContain('What-if comparison');
    expect(text).not.toMatch(/<script/i);
    const pdf = join(dir, 'out', 'report.pdf');
    await call('report.generate', { format: 'pdf', path: pdf });
    const head = readFileSync(pdf).subarray(0, 8).toString('latin1');
    expect(head).toBe('%PDF-1.4');
    expect(readFileSync(pdf, 'latin1')).toMatch(/%%EOF\n$/);
    const out = join(dir, 'csv');
    const ex = await call<{ writtenTo: string[] }>('export.inventory', { format: 'csv', path: out });
    expect(ex.writtenTo.map((p) => p.slice(out.length + 1))).toContain('RVTools_tabvInfo.csv');
    expect(existsSync(join(out, 'RVTools_tabvHost.csv'))).toBe(true);
  });
});

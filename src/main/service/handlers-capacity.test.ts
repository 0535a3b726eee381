import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VdcService } from './vdc-service';
import { rvtoolsGrids, xlsxOf } from './inventory-io/testing';
import { IMPORT_LIMITS } from '../../shared/import-limits';
import { pdfFonts, pdfText } from './capacity/poppler-testing';

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
    const applied = await call<{ workspace: { name: string } }>('import.apply', {
      files,
      name: 'Imported lab',
    });
    expect(applied.workspace.name).toBe('Imported lab');
    await call('clock.step', { ticks: 90 });
    const sum = await call<{
      allocation: { scope: string; cpu: { physical: number; configured: number } }[];
    }>('capacity.summary', {});
    // 4 hosts × 32 cores; powered-on vCPUs: 24 VMs of 1,2,4,8 with every 10th off (vm-10, vm-20: 2 and 8) → 90 − 10 = 80.
    const cl = sum.allocation.find((r) => r.scope === 'cluster')!;
    expect(cl.cpu.physical).toBe(128);
    expect(cl.cpu.configured).toBe(80);
    const hr = await call<{ rows: { profileId: string; byAllocation: { count: number } }[] }>(
      'capacity.headroom',
      { policy: { cpuOvercommit: 2 } },
    );
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
    const skipped = await call<{ preview: { counts: { vms: number } } }>('import.apply', {
      files,
      skipBadRows: true,
    });
    expect(skipped.preview.counts.vms).toBe(3);
  });

  it('refuses a 100 MB file chosen in a dialog without reading it', async () => {
    const big = join(dir, 'huge.xlsx');
    const { openSync, ftruncateSync, closeSync } = await import('node:fs');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 100 * 1024 * 1024);
    closeSync(fd);
    const r = await svc.call('t', 'import.preview', {
      grant: await svc.grantFile({ path: big, purpose: 'import.source' }),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('huge.xlsx is 100 MiB');
  });

  it('what-if run reports progress and can be cancelled; the branch keeps what it ran', async () => {
    await call('clock.step', { ticks: 3 });
    const b = await call<{ id: string }>('whatif.create', { name: 'long', changes: [] });
    const runP = svc.call('t', 'whatif.run', { id: b.id, days: 60, tickSeconds: 300 });
    // Wait on the condition (progress reported), not a fixed sleep.
    let p = await call<{ running: boolean; doneTicks: number; totalTicks: number }>('whatif.progress', {
      id: b.id,
    });
    while (p.doneTicks < 200) {
      await new Promise((r) => setImmediate(r));
      p = await call('whatif.progress', { id: b.id });
    }
    expect(p.running).toBe(true);
    expect(p.totalTicks).toBe((60 * 86_400) / 300);
    expect(await call('whatif.cancel', { id: b.id })).toEqual({ cancelled: true });
    const r = await runP;
    if (!r.ok) throw new Error(r.error.message);
    const ran = (r.value as { ranSec: number }).ranSec;
    expect(ran).toBeGreaterThan(0);
    expect(ran).toBeLessThan(60 * 86_400);
    expect(await call('whatif.progress', { id: b.id })).toMatchObject({ running: false });
    expect(await call('whatif.cancel', { id: b.id })).toEqual({ cancelled: false });
  });

  it('what-if, compare, export and report through the API', async () => {
    await call('clock.step', { ticks: 30 });
    const b = await call<{ id: string }>('whatif.create', {
      name: 'more VMs',
      changes: [
        {
          type: 'addVms',
          clusterId: 'cl-lab',
          count: 3,
          profile: {
            id: 'm',
            name: 'm',
            vcpus: 2,
            memMiB: 4096,
            diskGiB: 20,
            cpuUtilPct: 30,
            memUtilPct: 50,
            diskUtilPct: 50,
          },
        },
      ],
    });
    await call('whatif.run', { id: b.id, days: 0.5, tickSeconds: 300 });
    const list = await call<{ id: string; ranSec: number }[]>('whatif.list', {});
    expect(list[0]!.ranSec).toBeGreaterThanOrEqual(0.5 * 86_400 - 300);
    const cmp = await call<{ rows: { name: string; kind: string }[] }>('whatif.compare', { ids: [b.id] });
    expect(cmp.rows.map((r) => [r.kind, r.name])).toEqual([
      ['baseline', 'Current workspace'],
      ['branch', 'more VMs'],
    ]);
    mkdirSync(join(dir, 'out'));
    const html = join(dir, 'out', 'report.html');
    const rep = await call<{ bytes: number }>('report.generate', {
      format: 'html',
      grant: await svc.grantFile({ path: html, purpose: 'report' }),
      branchIds: [b.id],
    });
    const text = readFileSync(html, 'utf8');
    expect(rep.bytes).toBe(Buffer.byteLength(text));
    expect(text).toContain('<svg');
    expect(text).toContain('What-if comparison');
    expect(text).not.toMatch(/<script/i);
    const pdf = join(dir, 'out', 'report.pdf');
    await call('report.generate', {
      format: 'pdf',
      grant: await svc.grantFile({ path: pdf, purpose: 'report' }),
    });
    const head = readFileSync(pdf).subarray(0, 8).toString('latin1');
    expect(head).toBe('%PDF-1.7');
    expect(readFileSync(pdf, 'latin1')).toMatch(/%%EOF\n$/);
    const out = join(dir, 'csv');
    mkdirSync(out);
    const ex = await call<{ writtenTo: string[] }>('export.inventory', {
      format: 'csv',
      grant: await svc.grantFile({ path: out, purpose: 'inventory.folder' }),
    });
    expect(ex.writtenTo.map((p) => p.slice(out.length + 1))).toContain('RVTools_tabvInfo.csv');
    expect(existsSync(join(out, 'RVTools_tabvHost.csv'))).toBe(true);
  });
});

describe('chunked import upload', () => {
  const CHUNK = IMPORT_LIMITS.chunkBytes;
  /** Sends `bytes` as chunks of file `fileIndex`; answers the last state. */
  async function send(uploadId: string, bytes: Uint8Array, fileIndex = 0) {
    let last: { receivedBytes: number; complete: boolean } | null = null;
    for (let i = 0; i * CHUNK < bytes.length; i++) {
      last = await call('import.upload.chunk', {
        uploadId,
        fileIndex,
        index: i,
        dataBase64: Buffer.from(bytes.subarray(i * CHUNK, (i + 1) * CHUNK)).toString('base64'),
      });
    }
    return last!;
  }
  const workspaceFiles = () =>
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.vdc'))
      .sort();

  it('uploads a workbook larger than one request in chunks; preview creates nothing, apply creates the workspace and frees the upload', async () => {
    // 500 hosts and 12,000 VMs: an xlsx above 1 MB, more than one WebSocket frame may carry.
    const bytes = await xlsxOf(rvtoolsGrids({ hosts: 500, vms: 12_000 }));
    expect(bytes.length).toBeGreaterThan(1_000_000);
    const begun = await call<{ uploadId: string; chunks: number[]; chunkBytes: number }>(
      'import.upload.begin',
      { files: [{ name: 'rv.xlsx', sizeBytes: bytes.length }] },
    );
    expect(begun.chunks).toEqual([Math.ceil(bytes.length / CHUNK)]);
    const before = { path: svc.workspaceInfo()!.path, files: workspaceFiles() };
    const early = await svc.call('t', 'import.preview', { uploadId: begun.uploadId });
    expect(early.ok).toBe(false);
    if (!early.ok)
      expect(early.error).toMatchObject({
        code: 'INVALID_STATE',
        message: expect.stringContaining(`rv.xlsx has 0 of ${bytes.length} bytes`),
      });
    expect((await send(begun.uploadId, bytes)).complete).toBe(true);
    const preview = await call<{ counts: { hosts: number; vms: number; vmsPoweredOn: number } }>(
      'import.preview',
      { uploadId: begun.uploadId },
    );
    // Every 10th VM is powered off in the generated inventory.
    expect(preview.counts).toMatchObject({ hosts: 500, vms: 12_000, vmsPoweredOn: 10_800 });
    expect({ path: svc.workspaceInfo()!.path, files: workspaceFiles() }).toEqual(before);
    // Another client cannot use this upload.
    const foreign = await svc.call('other', 'import.apply', { uploadId: begun.uploadId });
    expect(foreign.ok || foreign.error.code).toBe('NOT_FOUND');
    const applied = await call<{ workspace: { name: string; path: string } }>('import.apply', {
      uploadId: begun.uploadId,
      name: 'Big import',
    });
    expect(applied.workspace.name).toBe('Big import');
    expect(svc.workspaceInfo()!.path).not.toBe(before.path);
    const again = await svc.call('t', 'import.preview', { uploadId: begun.uploadId });
    expect(again.ok || again.error.code).toBe('NOT_FOUND');
  }, 60_000);

  it('refuses a 100 MB upload at begin with the limit in the message; bad chunks get typed errors and change nothing', async () => {
    const big = await svc.call('t', 'import.upload.begin', {
      files: [{ name: 'huge.xlsx', sizeBytes: 100 * 1024 * 1024 }],
    });
    expect(big.ok).toBe(false);
    if (!big.ok) {
      expect(big.error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(big.error.message).toContain(
        'huge.xlsx is 100.0 MiB; the import accepts at most 64 MiB (67108864 bytes)',
      );
    }
    const files = [{ name: 'vInfo.csv', sizeBytes: CHUNK + 3 }];
    const { uploadId } = await call<{ uploadId: string }>('import.upload.begin', { files });
    const bad = async (params: Record<string, unknown>) => {
      const r = await svc.call('t', 'import.upload.chunk', { uploadId, fileIndex: 0, index: 0, ...params });
      return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
    };
    const full = Buffer.alloc(CHUNK, 65).toString('base64');
    // Over the chunk size: the contract refuses it before the upload sees it.
    expect(await bad({ dataBase64: Buffer.alloc(CHUNK + 3, 65).toString('base64') })).toMatch(
      /^BAD_REQUEST: .*dataBase64: a chunk holds at most 524288 bytes/,
    );
    expect(await bad({ dataBase64: 'not base64!' })).toMatch(/^BAD_REQUEST: .*dataBase64: must be base64/);
    expect(await bad({ index: 1, dataBase64: full })).toMatch(
      /^INVALID_ARGUMENT: Chunks of vInfo.csv must arrive in order: expected chunk 0, got 1/,
    );
    expect(await bad({ dataBase64: Buffer.alloc(10, 65).toString('base64') })).toMatch(
      /^INVALID_ARGUMENT: Chunk 0 of vInfo.csv holds 10 bytes; expected 524288/,
    );
    expect(await bad({ uploadId: 'upl-0123456789abcdef01234567', dataBase64: full })).toMatch(
      /^NOT_FOUND: Upload upl-0123456789abcdef01234567 does not exist/,
    );
    expect(await bad({ uploadId: '../../etc/passwd', dataBase64: full })).toMatch(
      /^BAD_REQUEST: .*uploadId: must be an upload id/,
    );
    expect(await bad({ dataBase64: full })).toBe('ok');
    expect(await call('import.upload.cancel', { uploadId })).toBeNull();
    expect(await bad({ index: 1, dataBase64: Buffer.from('abc').toString('base64') })).toMatch(/^NOT_FOUND/);
  });

  it('frees the uploads of a client that disconnects (a closed tab), not those of others', async () => {
    const pushes: unknown[] = [];
    const disconnect = svc.connect({ id: 'tab-1', push: (n, d) => pushes.push([n, d]) });
    const begin = async (clientId: string) => {
      const r = await svc.call(clientId, 'import.upload.begin', { files: [{ name: 'a.csv', sizeBytes: 3 }] });
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { uploadId: string }).uploadId;
    };
    const mine = await begin('tab-1');
    const other = await begin('t');
    disconnect();
    const gone = await svc.call('tab-1', 'import.upload.chunk', {
      uploadId: mine,
      fileIndex: 0,
      index: 0,
      dataBase64: Buffer.from('a,b').toString('base64'),
    });
    expect(gone.ok ? 'ok' : gone.error.code).toBe('NOT_FOUND');
    expect(
      (
        await call<{ complete: boolean }>('import.upload.chunk', {
          uploadId: other,
          fileIndex: 0,
          index: 0,
          dataBase64: Buffer.from('a,b').toString('base64'),
        })
      ).complete,
    ).toBe(true);
    expect(await call('import.upload.cancel', { uploadId: other })).toBeNull();
  });

  it("frees an idle upload after the timeout on the service's wall clock", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { uploadId } = await call<{ uploadId: string }>('import.upload.begin', {
        files: [{ name: 'a.csv', sizeBytes: 3 }],
      });
      vi.setSystemTime(Date.now() + (IMPORT_LIMITS.idleTimeoutSec - 1) * 1000);
      expect(
        (
          await call<{ complete: boolean }>('import.upload.chunk', {
            uploadId,
            fileIndex: 0,
            index: 0,
            dataBase64: Buffer.from('a,b').toString('base64'),
          })
        ).complete,
      ).toBe(true);
      vi.setSystemTime(Date.now() + (IMPORT_LIMITS.idleTimeoutSec + 1) * 1000);
      const r = await svc.call('t', 'import.preview', { uploadId });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain('has expired');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('report in Chinese', () => {
  it('writes the zh-CN report with Chinese headings and Chinese cluster and VM names, not "?"', async () => {
    // A small inventory whose cluster and first VM have Chinese names.
    const g = rvtoolsGrids({ hosts: 2, vms: 4, perCluster: 2 });
    for (const sheet of Object.values(g))
      for (const row of sheet)
        row.forEach((c, i) => (row[i] = c === 'cl-1' ? '生产集群' : c === 'vm-1' ? '数据库-1' : c));
    await call('import.apply', {
      files: [{ name: 'rv.xlsx', base64: Buffer.from(await xlsxOf(g)).toString('base64') }],
      name: '实验室',
    });
    await call('clock.step', { ticks: 30 });
    const r = await call<{ base64: string }>('report.generate', { format: 'pdf', locale: 'zh-CN' });
    const bytes = Buffer.from(r.base64, 'base64');
    // Read back with poppler (an independent reader): the words come out of the embedded font subset.
    const text = pdfText(bytes);
    expect(text.split('\n')[0]!.trim()).toBe('容量报告 — 实验室');
    expect(text).toContain('分配模型');
    expect(text).toContain('生产集群');
    expect(text).toContain('数据中心'); // the scope code "datacenter" is translated; names are not
    expect(text).toContain('Datacenter');
    expect(text).not.toContain('?');
    expect(pdfFonts(bytes).map((f) => [f.embedded, f.subset])).toEqual([[true, true]]);
    const html = await call<{ html: string }>('report.generate', { format: 'html', locale: 'zh-CN' });
    expect(html.html).toContain('<html lang="zh-CN">');
    expect(html.html).toContain('<h2>分配模型</h2>');
    const en = await call<{ base64: string }>('report.generate', { format: 'pdf' });
    expect(pdfText(Buffer.from(en.base64, 'base64'))).toContain('Allocation model');
  });
});

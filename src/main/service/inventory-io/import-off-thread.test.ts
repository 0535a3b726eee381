/**
 * Issue 21 finding 4: import.apply of a 300k-row file froze the service 18 s at 3 GiB. The parse runs in
 * a worker thread with a bounded heap: the service answers other requests meanwhile, a file that needs
 * more memory than the bound is refused (the service lives on), and a cancel stops it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { importOffThread } from './import-off-thread';
import { VdcService } from '../vdc-service';
import type { JobView } from '../../../shared/contract-jobs';

const HEADER =
  'kind,name,datacenter,cluster,host,cpus,cores,coreMHz,memoryMiB,diskGiB,usedGiB,powerState,cpuUsagePct,memUsagePct';
function inventoryCsv(hosts: number, vms: number): string {
  const lines = [HEADER];
  for (let h = 0; h < hosts; h++) lines.push(`host,esx-${h},DC1,C${h % 4},,,64,2600,1048576,,,,35,60`);
  for (let v = 0; v < vms; v++) lines.push(`vm,vm-${v},,,esx-${v % hosts},2,,,4096,80,30,poweredOn,25,50`);
  return lines.join('\n');
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-import-thread-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const io = () => new Promise((r) => setImmediate(r));

describe('inventory import in a worker thread', () => {
  it('reads the same preview as in-process', async () => {
    const bytes = new TextEncoder().encode(inventoryCsv(4, 40));
    const r = await importOffThread([{ name: 'inv.csv', bytes }]).result;
    expect(r.ok && r.outcome.preview.counts).toMatchObject({ hosts: 4, vms: 40 });
    expect(r.ok && r.outcome.scenario?.vms.length).toBe(40);
  });

  it('refuses a file that needs more memory than the bound, naming the limit', async () => {
    const bytes = new TextEncoder().encode(inventoryCsv(100, 150_000));
    const r = await importOffThread([{ name: 'huge.csv', bytes }], {}, 16).result;
    expect(r).toMatchObject({
      ok: false,
      outOfMemory: true,
      message: expect.stringContaining('more than 16 MiB of memory'),
    });
  });

  it('the service answers other requests while a big file is read, and a cancel stops the read', async () => {
    const svc = await VdcService.start({ dataDir: join(dir, 'svc'), shell: 'test', autoPlay: false });
    try {
      const path = join(dir, 'big.csv');
      writeFileSync(path, inventoryCsv(200, 100_000));
      let done = false;
      const grant = await svc.grantFile({ path, purpose: 'import.source' });
      const preview = svc.call('t', 'import.preview', { grant }).then((r) => ((done = true), r));
      let answered = 0;
      while (!done) {
        await io();
        if ((await svc.call('t', 'clock.get', {})).ok && !done) answered++;
      }
      expect(await preview).toMatchObject({ ok: true, value: { counts: { hosts: 200, vms: 100_000 } } });
      expect(answered).toBeGreaterThan(1);

      const again = svc.call('t', 'import.preview', {
        grant: await svc.grantFile({ path, purpose: 'import.source' }),
      });
      let job: JobView | undefined;
      while (!job)
        job =
          (await io(),
          ((await svc.call('t', 'jobs.list', {})) as { value: JobView[] }).value.find(
            (j) => j.kind === 'import' && j.status === 'running',
          ));
      await svc.call('t', 'jobs.cancel', { id: job.id });
      expect(await again).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', message: expect.stringContaining('cancelled') },
      });
    } finally {
      await svc.dispose();
    }
  });

  it('import.apply builds the engine and the first checkpoint of the new workspace in another thread', async () => {
    const svc = await VdcService.start({ dataDir: join(dir, 'svc-apply'), shell: 'test', autoPlay: false });
    try {
      const path = join(dir, 'apply.csv');
      writeFileSync(path, inventoryCsv(8, 400));
      const grant = await svc.grantFile({ path, purpose: 'import.source' });
      const applied = await svc.call('t', 'import.apply', { grant, name: 'Imported here' });
      expect(applied, JSON.stringify(applied)).toMatchObject({
        ok: true,
        value: { workspace: { name: 'Imported here' }, preview: { counts: { vms: 400 } } },
      });
      const job = svc.jobs.list().find((j) => j.kind === 'import.apply');
      expect(job).toMatchObject({ status: 'done' });
      expect(svc.jobs.threadOf(job!.id)).not.toBeNull();
      expect(svc.jobs.threadOf(job!.id)).not.toBe(threadId);
      // The service opened the file the thread wrote: the simulation is there and runs.
      const tree = (await svc.call('t', 'inventory.tree', {})) as { ok: boolean };
      expect(tree.ok).toBe(true);
      expect(await svc.call('t', 'clock.step', { ticks: 2 })).toMatchObject({ ok: true, value: { tick: 2 } });
    } finally {
      await svc.dispose();
    }
  });
});

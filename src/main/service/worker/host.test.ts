import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceWorker } from './host';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vdc-worker-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the service in a worker thread', () => {
  it('answers calls, pushes to connected clients and shuts down cleanly', async () => {
    const svc = await startServiceWorker({ dataDir, shell: 'test', autoPlay: false });
    expect(svc.startupError).toBeNull();
    const pushes: string[] = [];
    const disconnect = svc.connect({ id: 'c1', push: (name) => pushes.push(name) });
    const info = await svc.call('c1', 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { name: 'VDC Studio', shell: 'test' } });
    const stepped = await svc.call('c1', 'clock.step', { ticks: 3 });
    expect(stepped).toMatchObject({ ok: true, value: { tick: 3 } });
    expect(await svc.call('c1', 'no.such', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    await new Promise((r) => setTimeout(r, 400));
    expect(pushes).toContain('workspace');
    expect(pushes).toContain('clock');
    disconnect();
    await svc.dispose();
    expect(await svc.call('c1', 'app.info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('issues file grants and hands downloads over through the worker (shell-only, not API methods)', async () => {
    const svc = await startServiceWorker({ dataDir, shell: 'test', autoPlay: false });
    await svc.call('c1', 'clock.step', { ticks: 2 });
    const target = join(dataDir, 'rec.json');
    const grant = await svc.grantFile({ path: target, purpose: 'recording' });
    expect(await svc.call('c1', 'recording.export', { grant })).toMatchObject({ ok: true, value: { path: target } });
    expect((await import('node:fs')).existsSync(target)).toBe(true);
    await expect(svc.grantFile({ path: 'relative.json', purpose: 'recording' })).rejects.toThrow(/absolute/);
    const r = (await svc.call('c1', 'report.generate', { download: true })) as { ok: true; value: { download: { id: string } } };
    // A refused grant request must not take the worker down.
    expect(r).toMatchObject({ ok: true });
    const file = await svc.takeDownload(r.value.download.id);
    expect(file?.name).toBe('capacity-report.html');
    expect(await svc.takeDownload(r.value.download.id)).toBeNull();
    await svc.dispose();
  });

  it('reports why a workspace given at start cannot be opened', async () => {
    const bad = join(dataDir, 'bad.vdc');
    (await import('node:fs')).writeFileSync(bad, 'not a database');
    const svc = await startServiceWorker({ dataDir, shell: 'test', autoPlay: false, workspacePath: bad });
    expect(svc.startupError?.code).toBe('WORKSPACE_ERROR');
    await svc.dispose();
  });
});

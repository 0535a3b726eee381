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
    expect(await svc.call('c1', 'no.such', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
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
    expect(await svc.call('c1', 'recording.export', { grant })).toMatchObject({
      ok: true,
      value: { path: target },
    });
    expect((await import('node:fs')).existsSync(target)).toBe(true);
    await expect(svc.grantFile({ path: 'relative.json', purpose: 'recording' })).rejects.toThrow(/absolute/);
    const r = (await svc.call('c1', 'report.generate', { download: true })) as {
      ok: true;
      value: { download: { id: string } };
    };
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

  it('restarts a worker that died, in safe mode: the last workspace paused, the reason pushed to clients', async () => {
    const restarts: string[] = [];
    const svc = await startServiceWorker(
      { dataDir, shell: 'test', autoPlay: false, testHooks: { crashAfterTick: 3 } },
      { onRestart: (reason, restarted) => restarts.push(`${restarted}:${reason}`) },
    );
    const clocks: { running: boolean; tick: number; fault?: { kind: string; message: string } | null }[] = [];
    svc.connect({
      id: 'c1',
      push: (name, data) => name === 'clock' && clocks.push(data as (typeof clocks)[number]),
    });
    const before = await svc.call('c1', 'workspace.current', {});
    const path = before.ok ? (before.value as { path: string }).path : '';
    // The step itself answers; the injected uncaught exception then ends the worker thread.
    await svc.call('c1', 'clock.step', { ticks: 5 });
    const t0 = Date.now();
    while (!clocks.some((c) => c.fault?.kind === 'crash')) {
      if (Date.now() - t0 > 20_000)
        throw new Error(`no safe-mode clock push; restarts: ${restarts.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(restarts).toHaveLength(1);
    expect(restarts[0]).toMatch(
      /^true:The simulation service stopped unexpectedly \(.*injected crash after tick 3/,
    );
    const clock = await svc.call('c1', 'clock.get', {});
    expect(clock).toMatchObject({ ok: true, value: { running: false, fault: { kind: 'crash' } } });
    if (clock.ok)
      expect((clock.value as { fault: { message: string } }).fault.message).toMatch(
        /injected crash after tick 3.*reopened paused/,
      );
    expect(await svc.call('c1', 'workspace.current', {})).toMatchObject({ ok: true, value: { path } });
    // The restarted service runs (no test hook any more) and plays only when asked.
    expect(await svc.call('c1', 'clock.step', { ticks: 2 })).toMatchObject({ ok: true });
    await svc.dispose();
  }, 40_000);
});

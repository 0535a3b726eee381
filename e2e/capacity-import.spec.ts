/**
 * Importing real-size RVTools files in the browser console: a workbook above 1 MB (more than one WebSocket
 * frame may carry) goes up in 512 KiB chunks with a progress bar and its preview shows the counts; a 100 MB
 * file is refused before a byte is sent, and the service refuses it too. Nothing is imported either way.
 */
import type { Page } from '@playwright/test';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { apiCall } from './console-helpers';
import { rvtoolsGrids, xlsxOf } from '../src/main/service/inventory-io/testing';
import { IMPORT_LIMITS } from '../src/shared/import-limits';

/** Methods of the requests the page sends over its WebSocket, in order. */
function recordRequests(page: Page): string[] {
  const methods: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => {
      const m = /"method":"([^"]+)"/.exec(typeof f.payload === 'string' ? f.payload.slice(0, 200) : '');
      if (m?.[1]) methods.push(m[1]);
    });
  });
  return methods;
}

async function openImport(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
  await page.getByTestId('capacity-open').click();
  const view = page.getByTestId('capacity-view');
  await view.locator('.n-tabs-tab', { hasText: 'Import / export' }).click();
  return view;
}

test('a workbook above 1 MB is uploaded in chunks with progress and previewed; nothing is imported before apply', async ({
  page,
  consoleUrl,
  server,
}) => {
  test.setTimeout(120_000);
  const methods = recordRequests(page);
  // 500 hosts in clusters of 16, 12,000 VMs (every 10th powered off): about 1.2 MB of xlsx.
  const bytes = Buffer.from(await xlsxOf(rvtoolsGrids({ hosts: 500, vms: 12_000 })));
  expect(bytes.length).toBeGreaterThan(1_000_000);
  const view = await openImport(page, consoleUrl);
  const wsPath = async () =>
    ((await apiCall(server, 'workspace.current', {})) as unknown as { value: { path: string } }).value.path;
  const before = { path: await wsPath(), name: await page.getByTestId('workspace-name').textContent() };
  await view.getByTestId('import-file').setInputFiles({
    name: 'RVTools_export_all.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: bytes,
  });
  await expect(view.getByTestId('import-preview')).toContainText(
    '500 hosts, 12000 VMs (10800 on), 32 clusters, 32 datastores, 0 unusable rows',
    { timeout: 60_000 },
  );
  const progress = view.getByTestId('import-progress');
  await expect(progress).toHaveAttribute('data-sent', String(bytes.length));
  await expect(progress).toContainText(
    `Uploaded RVTools_export_all.xlsx (${(bytes.length / 2 ** 20).toFixed(1)} MiB)`,
  );
  const chunks = Math.ceil(bytes.length / IMPORT_LIMITS.chunkBytes);
  expect(methods.filter((m) => m.startsWith('import.'))).toEqual([
    'import.upload.begin',
    ...Array<string>(chunks).fill('import.upload.chunk'),
    'import.preview',
  ]);
  await expect(view.getByTestId('import-apply')).toBeEnabled();
  await view.screenshot({ path: 'test-results/capacity-import-upload.png' });
  // Preview only: the open workspace is unchanged.
  expect(await wsPath()).toBe(before.path);
  await expect(page.getByTestId('workspace-name')).toHaveText(before.name ?? '');
});

test('a 100 MB file is refused before any byte is sent, naming the limit; the service refuses it too', async ({
  page,
  consoleUrl,
  server,
}) => {
  const methods = recordRequests(page);
  const dir = mkdtempSync(join(tmpdir(), 'vdc-e2e-big-'));
  try {
    const big = join(dir, 'RVTools_huge.xlsx');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 100 * 1024 * 1024); // sparse: 100 MB long, nothing written
    closeSync(fd);
    const view = await openImport(page, consoleUrl);
    await view.getByTestId('import-file').setInputFiles(big);
    const alert = view.getByTestId('import-too-big');
    await expect(alert).toContainText(
      'RVTools_huge.xlsx: 100.0 MiB, more than the import accepts (64 MiB). Nothing was uploaded.',
    );
    await expect(view.getByTestId('import-preview')).toHaveCount(0);
    await expect(view.getByTestId('import-progress')).toHaveCount(0);
    expect(methods.filter((m) => m.startsWith('import.'))).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const refused = (await apiCall(server, 'import.upload.begin', {
    files: [{ name: 'RVTools_huge.xlsx', sizeBytes: 100 * 1024 * 1024 }],
  })) as unknown as { ok: false; error: { code: string; message: string } };
  expect(refused.ok).toBe(false);
  expect(refused.error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(refused.error.message).toContain('the import accepts at most 64 MiB (67108864 bytes)');
});

test('an upload can be cancelled while it runs; the service frees it and nothing is previewed', async ({
  page,
  consoleUrl,
}) => {
  // Hold every chunk back on its way to the server until the cancel has gone through, so the upload is
  // still running when Cancel is clicked however fast or slow the machine is (no timer involved).
  const sent: string[] = [];
  const answers: string[] = [];
  await page.routeWebSocket(/\/ws/, (ws) => {
    const server = ws.connectToServer();
    const held: (string | Buffer)[] = [];
    let cancelled = false;
    server.onMessage((m) => {
      if (typeof m === 'string' && !m.startsWith('{"push"')) answers.push(m.slice(0, 300));
      ws.send(m);
    });
    ws.onMessage((m) => {
      const method = typeof m === 'string' ? /"method":"([^"]+)"/.exec(m.slice(0, 200))?.[1] : undefined;
      if (method) sent.push(method);
      if (method === 'import.upload.chunk' && !cancelled) {
        held.push(m);
        return;
      }
      server.send(m);
      if (method === 'import.upload.cancel') {
        cancelled = true;
        for (const chunk of held.splice(0)) server.send(chunk);
      }
    });
  });
  const view = await openImport(page, consoleUrl);
  const bytes = Buffer.from(await xlsxOf(rvtoolsGrids({ hosts: 100, vms: 12_000 })));
  await view
    .getByTestId('import-file')
    .setInputFiles({ name: 'rv.xlsx', mimeType: 'application/octet-stream', buffer: bytes });
  await expect(view.getByTestId('import-progress')).toContainText('Uploading rv.xlsx: 0.0 of');
  await view.getByTestId('import-cancel').click();
  await expect(view.getByTestId('import-progress')).toHaveCount(0);
  await expect.poll(() => sent.includes('import.upload.cancel')).toBe(true);
  // The chunk that was held back reaches the server after the cancel and is refused: the upload is gone.
  await expect.poll(() => answers.some((a) => a.includes('"code":"NOT_FOUND"'))).toBe(true);
  await expect(view.getByTestId('import-error')).toHaveCount(0);
  await expect(view.getByTestId('import-preview')).toHaveCount(0);
  expect(sent).not.toContain('import.preview');
  expect(sent.filter((m) => m === 'import.upload.chunk').length).toBeLessThan(
    Math.ceil(bytes.length / IMPORT_LIMITS.chunkBytes),
  );
});

/**
 * Containers, services and workspaces as a user handles them: the New container wizard (a limit
 * below the request is explained first), restart, a new service and scaling it, deleting it, and
 * File → Save As / New.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { action, node, open, select } from './console-helpers';

test('new container: a limit below the request is refused in the form; a valid one starts and can be restarted', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  await node(page, 'Lab Cluster').click({ button: 'right' });
  await page.getByTestId('menu-newContainer').click();
  const wizard = page.getByTestId('wizard-newContainer');
  await page.getByTestId('ct-name').fill('nginx-1');
  await page.getByTestId('ct-mem-req').fill('512');
  await page.getByTestId('ct-mem-limit').fill('256');
  await page.getByTestId('ct-submit').click();
  await expect(wizard).toContainText('The limit cannot be below the request');
  await page.getByTestId('ct-mem-limit').fill('1024');
  await page.getByTestId('ct-submit').click();
  await expect(wizard).toBeHidden();
  await expect(async () => select(page, 'nginx-1')).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('pane-state')).toHaveText('Running', { timeout: 20_000 });
  await expect(page.getByTestId('field-memRequestMiB')).toHaveText('512 MiB');
  await action(page, 'restartContainer');
  await expect(page.getByTestId('recent-tasks')).toContainText('nginx-1', { timeout: 20_000 });
});

test('new service, scale it to three replicas, then delete it', async ({ page, consoleUrl }) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  await node(page, 'Lab Cluster').click({ button: 'right' });
  await page.getByTestId('menu-newService').click();
  await page.getByTestId('svc-name').fill('api');
  await page.getByTestId('svc-replicas').fill('2');
  await page.getByTestId('svc-submit').click();
  await expect(page.getByTestId('wizard-newService')).toBeHidden();
  await expect(async () => select(page, 'api')).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('field-replicas')).toHaveText('2');
  await action(page, 'scaleService');
  await page.getByTestId('scale-replicas').fill('3');
  await page.getByTestId('scale-submit').click();
  await expect(page.getByTestId('field-replicas')).toHaveText('3', { timeout: 20_000 });
  await action(page, 'delete');
  await page.getByTestId('delete-confirm').click();
  await expect(page.getByTestId('dialog-delete')).toBeHidden();
  await expect(page.getByTestId('pane-title')).not.toHaveText('api', { timeout: 20_000 });
});

test('File → Save As saves a copy in the data folder by name, Open lists the data folder, New starts a fresh workspace', async ({
  page,
  consoleUrl,
  server,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('file-menu').click();
  await page.getByTestId('file-saveas').click();
  const dialog = page.getByTestId('workspace-dialog');
  // No path field: the console never sends a path to write; names with folders are refused.
  await expect(dialog.getByTestId('ws-path')).toHaveCount(0);
  await expect(dialog.getByTestId('ws-data-folder')).toBeVisible();
  await dialog.getByTestId('ws-save-name').locator('input').fill('../escape');
  await page.getByTestId('ws-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('no folders');
  await dialog.getByTestId('ws-save-name').locator('input').fill('copy of lab');
  await page.getByTestId('ws-submit').click();
  await expect(dialog).toBeHidden();
  const target = join(server.dataDir, 'workspaces', 'copy of lab.vdc');
  await expect.poll(() => existsSync(target)).toBe(true);
  // The copy keeps the workspace's name; the console now works in the copy's file.
  await expect(page.getByTestId('workspace-name')).toHaveAttribute('title', target);
  await page.getByTestId('file-menu').click();
  await page.getByTestId('file-new').click();
  await dialog.getByTestId('ws-name').locator('input').fill('Fresh lab');
  await page.getByTestId('ws-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('workspace-name')).toHaveText('Fresh lab');
  await expect(node(page, 'esx-01')).toBeVisible();

  // Saving over an existing workspace needs the explicit overwrite choice.
  await page.getByTestId('file-menu').click();
  await page.getByTestId('file-saveas').click();
  await dialog.getByTestId('ws-save-name').locator('input').fill('copy of lab');
  await page.getByTestId('ws-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('already exists');
  await dialog.getByTestId('ws-overwrite').click();
  await page.getByTestId('ws-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('workspace-name')).toHaveText('Fresh lab');
  await expect(page.getByTestId('workspace-name')).toHaveAttribute('title', target);

  // Open: the data folder's workspaces are listed; choosing one opens it.
  await page.getByTestId('file-menu').click();
  await page.getByTestId('file-open').click();
  await expect(dialog.getByTestId('ws-list')).toContainText('copy of lab');
  await dialog.getByTestId('ws-item-Small lab').click();
  await page.getByTestId('ws-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('workspace-name')).toHaveAttribute(
    'title',
    join(server.dataDir, 'workspaces', 'Small lab.vdc'),
  );

  // Open from this computer: the .vdc is uploaded into the data folder (under a free name) and opened.
  await page.getByTestId('file-menu').click();
  await page.getByTestId('file-open').click();
  await dialog.getByTestId('ws-upload').setInputFiles({
    name: 'uploaded.vdc',
    mimeType: 'application/octet-stream',
    buffer: readFileSync(target),
  });
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('workspace-name')).toHaveAttribute(
    'title',
    join(server.dataDir, 'workspaces', 'uploaded.vdc'),
  );
  await expect(node(page, 'esx-01')).toBeVisible();
});

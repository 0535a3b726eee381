/**
 * Migration as a user performs it: target hosts with the pre-check's verdicts and predictions,
 * live progress, and afterwards the VM sits under the new host; bulk migration from a table.
 */
import { test, expect } from './fixtures';
import { node, open, select } from './console-helpers';

test('migrate a VM: pre-checked targets, live progress, then the VM sits under the new host', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await select(page, 'web-01');
  await expect(node(page, 'web-01')).toHaveAttribute('data-parent', 'esx-01');
  await page.getByTestId('actions-menu').click();
  await page.getByTestId('action-migrate').click();
  const dialog = page.getByTestId('wizard-migrate');
  await expect(dialog.getByTestId('migrate-target')).toHaveCount(2);
  await expect(dialog).toContainText('Compatible');
  // Predicted duration and downtime are shown for each compatible host.
  await expect(dialog).toContainText(/\d+ ms/);
  await dialog.locator('[data-testid=migrate-target][data-name=esx-02]').click();
  await page.screenshot({ path: 'test-results/screenshots/migrate-light-en.png' });
  await page.getByTestId('migrate-submit').click();
  await expect(page.getByTestId('migrate-progress')).toBeVisible();
  await page
    .getByTestId('clock-speed')
    .selectOption('1000')
    .catch(() => undefined);
  await expect(page.getByTestId('migrate-progress')).toContainText('Completed', { timeout: 30_000 });
  await page.getByTestId('migrate-close').click();
  await expect(node(page, 'web-01')).toHaveAttribute('data-parent', 'esx-02', { timeout: 20_000 });
  await expect(page.getByTestId('field-hostId')).toHaveText('esx-02');
});

test('bulk: select two VMs in a host table and migrate them together', async ({ page, consoleUrl }) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  await select(page, 'esx-02');
  await page.getByTestId('tab-rel-vms').click();
  const rows = page.getByTestId('entity-row');
  await expect(rows.first()).toBeVisible();
  const names = [
    await rows.nth(0).getAttribute('data-name'),
    await rows.nth(1).getAttribute('data-name'),
  ] as string[];
  await rows.nth(0).locator('.n-checkbox').click();
  await rows.nth(1).locator('.n-checkbox').click();
  await page.getByTestId('bulk-actions').click();
  await page.getByTestId('bulk-migrate').click();
  const dialog = page.getByTestId('wizard-migrate');
  await expect(dialog).toContainText('Migrate 2 VM(s)');
  await dialog.locator('[data-testid=migrate-target][data-name=esx-03]').click();
  await page.getByTestId('migrate-submit').click();
  await expect(page.getByTestId('migrate-progress')).toContainText('Completed', { timeout: 30_000 });
  await page.getByTestId('migrate-close').click();
  await select(page, 'esx-03');
  await page.getByTestId('tab-rel-vms').click();
  for (const n of names)
    await expect(page.locator(`[data-testid=entity-row][data-name="${n}"]`)).toBeVisible({ timeout: 20_000 });
});

test('a running migration can be cancelled from Recent tasks', async ({ page, consoleUrl }) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-pause').click();
  await select(page, 'db-02');
  await page.getByTestId('actions-menu').click();
  await page.getByTestId('action-migrate').click();
  const dialog = page.getByTestId('wizard-migrate');
  await dialog.locator('[data-testid=migrate-target]').filter({ hasText: 'Compatible' }).first().click();
  await page.getByTestId('migrate-submit').click();
  await expect(page.getByTestId('migrate-progress')).toBeVisible();
  await page.getByTestId('migrate-close').click();
  // Tasks reach the Recent tasks panel with the next tick.
  await page.getByTestId('clock-step').click();
  const row = page
    .getByTestId('recent-tasks')
    .locator('[data-testid=task-row][data-type="vm.migrate"]')
    .first();
  await expect(row.getByTestId('task-cancel')).toBeVisible();
  await row.getByTestId('task-cancel').click();
  await page.getByTestId('clock-step').click();
  await expect(row).toHaveAttribute('data-state', 'cancelled', { timeout: 15_000 });
  await expect(row).toContainText('Cancelled');
});

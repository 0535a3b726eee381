/**
 * Resource pools in the console (issue 20): New resource pool from a cluster's menu (validated like the
 * other wizards), the pool in the Hosts & Clusters tree under its cluster, its Summary (shares,
 * reservation used / unreserved, limits, children, VMs), moving a VM in, an edit the cluster cannot honour
 * (the engine's admission answer shown in the form), and delete. Everything through the UI.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { apiCall, node, open } from './console-helpers';
import { expectAccessible } from './axe';

async function pause(page: Page): Promise<void> {
  if ((await page.getByTestId('clock-play').getAttribute('aria-pressed')) === 'true')
    await page.getByTestId('clock-pause').click();
  await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-pressed', 'false');
}

test('a resource pool: created in the wizard, shown in the tree with its Summary, a VM moved in, edited, deleted', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await pause(page);
  await node(page, 'Lab Cluster').click({ button: 'right' });
  await page.getByTestId('menu-newPool').click();
  const dialog = page.getByTestId('wizard-pool');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('New resource pool in Lab Cluster');
  await expectAccessible(page, 'the New resource pool wizard', '[data-testid=wizard-pool]');
  await page.screenshot({ path: 'test-results/screenshots/pool-wizard-light-en.png' });

  // Checked before anything is sent: a name is required, a reservation above the limit is refused.
  await page.getByTestId('pool-submit').click();
  await expect(dialog).toContainText('Required');
  await page.getByTestId('pool-name').fill('Tenant-A');
  await page.getByTestId('pool-cpu-res').fill('2000');
  await page.getByTestId('pool-cpu-limit').fill('1000');
  await page.getByTestId('pool-name').click();
  await page.getByTestId('pool-submit').click();
  await expect(dialog).toContainText('The reservation must not exceed the limit');
  await page.getByTestId('pool-cpu-limit').fill('20000');
  await page.getByTestId('pool-name').click();
  await page.getByTestId('pool-submit').click();
  await expect(dialog).toBeHidden();

  // The new pool is selected: in the tree under its cluster, with its Summary.
  const pane = page.getByTestId('pool-pane');
  await expect(pane.getByTestId('pane-title')).toHaveText('Tenant-A');
  await expect(node(page, 'Tenant-A')).toBeVisible();
  const summary = page.getByTestId('pool-summary');
  await expect(summary.locator('tr', { hasText: 'Reservation' }).first()).toContainText('2 GHz');
  await expect(summary.locator('tr', { hasText: 'Limit' })).toContainText('20 GHz');
  await expect(summary.locator('tr', { hasText: 'Unreserved' })).toContainText('2 GHz');
  await expectAccessible(page, 'the resource pool Summary', '[data-testid=pool-pane]');
  await page.screenshot({ path: 'test-results/screenshots/pool-summary-light-en.png' });

  // Move a VM into the pool.
  await page.getByTestId('pool-move-vm').click();
  await page.locator('.n-base-select-option:visible').filter({ hasText: 'db-01' }).first().click();
  await page.getByTestId('pool-move-submit').click();
  await expect(page.getByTestId('pool-vms')).toContainText('db-01');
  await expect(pane).toContainText('1 of 1 running');

  // An edit the cluster cannot honour: the engine's refusal is shown in the form, nothing changes.
  await page.getByTestId('pool-edit').click();
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('pool-name')).toHaveValue('Tenant-A');
  await page.getByTestId('pool-cpu-limit').fill('');
  await page.getByTestId('pool-cpu-res').fill('90000000');
  await page.getByTestId('pool-name').click();
  await page.getByTestId('pool-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('unreserved');
  await page.getByTestId('pool-cpu-res').fill('3000');
  await page.getByTestId('pool-name').click();
  await page.getByTestId('pool-submit').click();
  await expect(dialog).toBeHidden();
  await expect(summary.locator('tr', { hasText: 'Reservation' }).first()).toContainText('3 GHz');
  await expect(summary.locator('tr', { hasText: 'Limit' })).toContainText('Unlimited');

  // Delete: the VM goes back to the cluster, the pool leaves the tree.
  await page.getByTestId('pool-delete').click();
  await page
    .locator('.n-popconfirm')
    .getByRole('button', { name: /OK|Confirm/ })
    .click();
  await expect(node(page, 'Tenant-A')).toHaveCount(0);
});

test('a vApp’s Summary in the dark theme and in Chinese: accessible, with its start order', async ({
  page,
  consoleUrl,
  server,
}) => {
  await open(page, consoleUrl);
  await pause(page);
  // Set up through the API (what the first test does through the UI): a vApp holding two VMs.
  const r = (await apiCall(server, 'command.execute', {
    command: { type: 'pool.create', clusterId: 'cl-lab', name: 'Shop', vapp: true, cpu: { shares: 'high' } },
  })) as { ok: boolean; value?: { createdId?: string } };
  expect(r.ok).toBe(true);
  const id = r.value!.createdId!;
  for (const vmId of ['vm-web-01', 'vm-db-01'])
    expect(
      (await apiCall(server, 'command.execute', { command: { type: 'pool.moveVm', vmId, poolId: id } })).ok,
    ).toBe(true);
  expect(
    (
      await apiCall(server, 'command.execute', {
        command: { type: 'pool.configure', poolId: id, startOrder: [{ vmId: 'vm-db-01', delaySec: 60 }] },
      })
    ).ok,
  ).toBe(true);
  // Another client's commands reach this console with their events, pushed with the next tick.
  await page.getByTestId('clock-step').click();
  // The vApp is the cluster's last row (after its hosts): End, then up past the datacenter's service.
  await page.locator('#inventory-tree').focus();
  await expect(async () => {
    await page.keyboard.press('End');
    await expect(page.locator('[role=treeitem][data-name="Shop"]')).toHaveCount(1, { timeout: 1000 });
  }).toPass();
  await page.locator('[role=treeitem][data-name="Shop"]').click();
  const pane = page.getByTestId('pool-pane');
  await expect(pane.getByTestId('pane-title')).toHaveText('Shop');
  await expect(page.getByTestId('pool-start-order')).toContainText('db-01');
  await expect(page.getByTestId('pool-vms')).toContainText('web-01');

  await page.getByTestId('settings-button').click();
  await page.getByTestId('theme-dark').click();
  await page.keyboard.press('Escape');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(page, 'the vApp Summary (dark)', '[data-testid=pool-pane]');
  await page.screenshot({ path: 'test-results/screenshots/pool-summary-dark-en.png' });
  await page.getByTestId('settings-button').click();
  await page.getByTestId('lang-zh').click();
  await page.keyboard.press('Escape');
  await expect(pane).toContainText('启动顺序');
  await expectAccessible(page, 'the vApp Summary (dark, zh-CN)', '[data-testid=pool-pane]');
  await page.screenshot({ path: 'test-results/screenshots/pool-summary-dark-zh.png' });
  await page.getByTestId('pool-edit').click();
  await expect(page.getByTestId('wizard-pool')).toContainText('编辑 Shop');
  await expectAccessible(page, 'the pool wizard (dark, zh-CN)', '[data-testid=wizard-pool]');
  await page.screenshot({ path: 'test-results/screenshots/pool-wizard-dark-zh.png' });
});

/**
 * Issue 20, session 6: a resource pool moved to another parent from its pane ("Move to…": the choices, a
 * move the new parent cannot admit refused in the dialog, a move that fits, the tree nested anew), and the
 * pool's Monitor tab charting its recorded history (catalogue kind "pool"). Accessible, in both themes'
 * default (light) and in Chinese.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { apiCall, confirmDialog, open } from './console-helpers';
import { expectAccessible } from './axe';

async function pause(page: Page): Promise<void> {
  if ((await page.getByTestId('clock-play').getAttribute('aria-pressed')) === 'true')
    await page.getByTestId('clock-pause').click();
  await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-pressed', 'false');
}

async function create(server: Parameters<typeof apiCall>[0], command: object): Promise<string> {
  const r = (await apiCall(server, 'command.execute', { command })) as {
    ok: boolean;
    value?: { createdId?: string };
  };
  expect(r.ok).toBe(true);
  return r.value!.createdId!;
}

/** Selects a pool row of the tree (pools are the cluster's last rows: End brings them into view). */
async function selectPool(page: Page, name: string): Promise<void> {
  await page.locator('#inventory-tree').focus();
  await expect(async () => {
    await page.keyboard.press('End');
    await expect(page.locator(`[role=treeitem][data-name="${name}"]`)).toHaveCount(1, { timeout: 1000 });
  }).toPass();
  await page.locator(`[role=treeitem][data-name="${name}"]`).click();
  await expect(page.getByTestId('pool-pane').getByTestId('pane-title')).toHaveText(name);
}

test('Move to…: refused where the new parent cannot admit the pool, moved where it can; Monitor charts the pool’s history', async ({
  page,
  consoleUrl,
  server,
}) => {
  await open(page, consoleUrl);
  await pause(page);
  const alpha = await create(server, {
    type: 'pool.create',
    clusterId: 'cl-lab',
    name: 'Alpha',
    cpu: { reservation: 1000 },
  });
  const beta = await create(server, {
    type: 'pool.create',
    clusterId: 'cl-lab',
    name: 'Beta',
    cpu: { reservation: 500, expandable: false },
  });
  await create(server, { type: 'pool.create', clusterId: 'cl-lab', name: 'Gamma' });
  expect(
    (
      await apiCall(server, 'command.execute', {
        command: { type: 'pool.moveVm', vmId: 'vm-db-01', poolId: alpha },
      })
    ).ok,
  ).toBe(true);
  // A few recorded ticks for the Monitor tab.
  for (let i = 0; i < 4; i++) await page.getByTestId('clock-step').click();

  await selectPool(page, 'Alpha');
  await page.getByTestId('pool-move-to').click();
  const dialog = page.getByTestId('wizard-pool-move');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Move Alpha');
  await expectAccessible(page, 'the Move resource pool dialog', '[data-testid=wizard-pool-move]');
  await page.screenshot({ path: 'test-results/screenshots/pool-move-light-en.png' });
  // The choices: the other pools, not Alpha itself nor its current parent (the cluster root).
  await page.getByTestId('pool-move-parent').click();
  const options = page.locator('.n-base-select-option:visible');
  await expect(options).toHaveText(['Beta', 'Gamma']);
  await options.filter({ hasText: 'Beta' }).click();
  await page.getByTestId('pool-move-to-submit').click();
  // Beta is fixed at 500 MHz: Alpha holds 1000.
  await expect(page.getByTestId('form-error')).toContainText(
    'resource pool Beta has 500 MHz of CPU unreserved',
  );
  await page.getByTestId('pool-move-parent').click();
  await page.locator('.n-base-select-option:visible').filter({ hasText: 'Gamma' }).click();
  await confirmDialog(page, 'wizard-pool-move', 'pool-move-to-submit');
  // Alpha is now Gamma's child pool, in the tree under it too.
  await expect(page.getByTestId('pool-pane').getByTestId('pane-title')).toHaveText('Alpha');
  await selectPool(page, 'Gamma');
  await expect(page.getByTestId('pool-children')).toContainText('Alpha');
  expect(beta).toBeTruthy();

  // Monitor: the pool's recorded metrics, charted.
  await page.getByTestId('pool-children').getByText('Alpha').click();
  await page.getByTestId('pool-tab-monitor').click();
  const chart = page.getByTestId('monitor-chart').first();
  await expect(chart).toBeVisible();
  await expect(page.getByTestId('metric-picker')).toContainText('CPU entitlement');
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);
  await expectAccessible(page, 'the resource pool Monitor tab', '[data-testid=pool-pane]');
  await page.screenshot({ path: 'test-results/screenshots/pool-monitor-light-en.png' });

  await page.getByTestId('settings-button').click();
  await page.getByTestId('lang-zh').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('metric-picker')).toContainText('CPU 应得量');
  await page.getByTestId('pool-tab-summary').click();
  await page.getByTestId('pool-move-to').click();
  await expect(page.getByTestId('wizard-pool-move')).toContainText('移动 Alpha');
  await expectAccessible(page, 'the Move resource pool dialog (zh-CN)', '[data-testid=wizard-pool-move]');
  await page.screenshot({ path: 'test-results/screenshots/pool-move-light-zh.png' });
});

/**
 * Issue 12, defect 8 (two parts): a small VM's migration at 1× showed Queued and then Completed, never
 * Running; and the lab drawer covered the pane's Actions button, the very thing a lab asks you to use.
 */
import { test, expect } from './fixtures';
import { node, open, select } from './console-helpers';

test('at 1× a small VM migration shows a Running phase before it completes', async ({ page, consoleUrl }) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1');
  if ((await page.getByTestId('clock-play').getAttribute('aria-pressed')) !== 'true')
    await page.getByTestId('clock-play').click();
  await select(page, 'dev-02');
  const from = await node(page, 'dev-02').getAttribute('data-parent');
  await page.getByTestId('actions-menu').click();
  await page.getByTestId('action-migrate').click();
  const dialog = page.getByTestId('wizard-migrate');
  const target = dialog.locator('[data-testid=migrate-target]').filter({ hasText: 'Compatible' }).first();
  await expect(target).toBeVisible();
  await target.click();
  await page.getByTestId('migrate-submit').click();
  const progress = page.getByTestId('migrate-progress');
  // Right after the command the migration runs (at 1× a tick takes 20 s: plenty of time to see it).
  await expect(progress).toContainText('Running', { timeout: 5000 });
  await expect(progress).not.toContainText('Queued');
  await expect(progress).toContainText('Completed', { timeout: 40_000 });
  await page.getByTestId('migrate-close').click();
  await expect(node(page, 'dev-02')).not.toHaveAttribute('data-parent', from ?? '', { timeout: 20_000 });
});

test('with a lab open, the pane Actions button stays visible and usable beside the drawer', async ({
  page,
  consoleUrl,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page, consoleUrl);
  await page.getByTestId('demo-open').click();
  await page.getByTestId('demo-panel').getByText('Labs', { exact: true }).click();
  await page.getByTestId('lab-start-lab-power-on').click();
  await page.getByTestId('demo-replace-confirm').click();
  await expect(page.getByTestId('lab-goal')).toContainText('Power on every VM');
  await select(page, 'web-01');
  // Not covered: a trial click checks that the button itself would receive the click.
  await page.getByTestId('actions-menu').click({ trial: true, timeout: 3000 });
  await page.getByTestId('actions-menu').click();
  await page.getByTestId('action-powerOn').click();
  await expect(page.getByTestId('lab-goal')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/lab-drawer-beside-pane.png' });
});

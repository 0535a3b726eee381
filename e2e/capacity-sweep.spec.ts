/**
 * Capacity ▸ Futures (sweep) in the browser: run a small sweep of the open workspace in the service
 * (worker threads), watch it finish, read the fan of probabilities per cluster; then cancel a long one.
 */
import { test, expect } from './fixtures';
import { expectAccessible } from './axe';

test('run a capacity sweep from the console and read its fan chart; cancel a long one', async ({
  page,
  consoleUrl,
}) => {
  test.setTimeout(180_000);
  await page.goto(consoleUrl);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
  await page.getByTestId('capacity-open').click();
  const view = page.getByTestId('capacity-view');
  await view.locator('.n-tabs-tab', { hasText: 'Futures (sweep)' }).click();
  const panel = view.getByTestId('cap-sweep');
  await panel.getByTestId('sweep-runs').locator('input').fill('2');
  await panel.getByTestId('sweep-horizon').locator('input').fill('3');
  await panel.getByTestId('sweep-start').click();
  const charts = panel.getByTestId('sweep-chart');
  await expect(charts.first()).toBeVisible({ timeout: 150_000 });
  await expect(charts.first()).toContainText('Probability of running out by day');
  await expect(charts.first()).toContainText(/N\+1 holds at the end in \d+ % of futures/);
  await expect(charts.first()).toContainText(/CPU: \d+ % run out within 3 days/);
  await expect(charts.first().locator('svg path')).toHaveCount(3);
  // The console's workspace holds hours of history, not the 14 days the final method needs: the growth the
  // futures ran at is stated, not fitted.
  await expect(charts.first().getByTestId('sweep-growth')).toContainText(
    /growth not fitted: needs \d+ more days? of history .*the workloads' own growth/,
  );
  await page.screenshot({ path: 'test-results/capacity-sweep.png', fullPage: false });
  // axe-core on the Capacity drawer only: the console behind it has global violations that the
  // accessibility lane fixes in the shared components.
  await expectAccessible(page, 'Capacity ▸ Futures (sweep) with its fan charts', '.cap-drawer');

  await panel.getByTestId('sweep-runs').locator('input').fill('200');
  await panel.getByTestId('sweep-horizon').locator('input').fill('366');
  await panel.getByTestId('sweep-start').click();
  await expect(panel.getByTestId('sweep-progress')).toBeVisible();
  await panel.getByTestId('sweep-cancel').click();
  await expect(panel.getByText('Cancelled.')).toBeVisible({ timeout: 30_000 });
});

/**
 * Demos and training in the browser: start a storyline in presenter mode, jump to its next event and
 * see the caption and the effect on the live chart; start a lab, do it through the console, see it pass.
 */
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
}

test('storyline: present Host failure, next event shows its caption and the failed host on the chart', async ({
  page,
  consoleUrl,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await open(page, consoleUrl);
  await page.getByTestId('demo-open').click();
  await expect(page.getByTestId('storyline-host-failure')).toBeVisible();
  await page.getByTestId('storyline-present-host-failure').click();
  await page.getByTestId('demo-replace-confirm').click();
  const presenter = page.getByTestId('presenter');
  await expect(presenter).toBeVisible();
  await expect(presenter.getByTestId('demo-caption')).toContainText('Four hosts, twelve VMs');
  // Pause, then N: the player runs to the failure at 0:05:00 and pauses on it.
  await page.keyboard.press('Space');
  await expect(presenter.getByTestId('storyline-status')).toHaveText('Paused');
  await page.keyboard.press('n');
  await expect(presenter.getByTestId('demo-caption')).toContainText('esx-ha-02 stops responding');
  await expect(presenter.getByTestId('storyline-time')).toContainText('0:05:00');
  // Play on: the chart of connected hosts gets points and shows 3 hosts after the failure.
  await page.keyboard.press('Space');
  const hosts = page.getByTestId('demo-focus-hosts.connected');
  await expect(hosts).toHaveAttribute('data-last', 'cluster-ha=3', { timeout: 30_000 });
  await expect
    .poll(
      async () => Number(await page.getByTestId('demo-chart-hosts.connected').getAttribute('data-points')),
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  // Every control is on screen at 1280×720.
  for (const id of [
    'storyline-pause',
    'storyline-next',
    'storyline-restart',
    'storyline-stop',
    'storyline-status',
  ])
    await expect(presenter.getByTestId(id)).toBeInViewport();
  await page.screenshot({ path: 'test-results/screenshots/presenter-1280x720.png' });
  await page.keyboard.press('Escape');
  await expect(presenter).toBeHidden();
});

test('lab: power on the web tier through the console and pass the lab', async ({ page, consoleUrl }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page, consoleUrl);
  await page.getByTestId('demo-open').click();
  await page.getByTestId('demo-panel').getByText('Labs', { exact: true }).click();
  // Starting a lab replaces the open workspace: the console asks first, and Cancel keeps it.
  await page.getByTestId('lab-start-lab-power-on').click();
  await page.getByTestId('demo-replace-cancel').click();
  await expect(page.getByTestId('lab-picker')).toBeVisible();
  await expect(page.getByTestId('lab-goal')).toHaveCount(0);
  await page.getByTestId('lab-start-lab-power-on').click();
  await page.getByTestId('demo-replace-confirm').click();
  await expect(page.getByTestId('lab-goal')).toContainText('Power on every VM');
  // A lab starts paused, at time 0, so the learner can read the goal.
  await expect(page.getByTestId('clock-pause')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('lab-check-all-on')).toHaveAttribute('data-status', /failing|pending/);
  await page.getByTestId('lab-hint').click();
  await expect(page.getByTestId('lab-hints')).toContainText('Power on');
  // The drawer is not modal: the console stays usable while the goal and checks stay in view.
  await page.getByTestId('lab-goal').click();
  for (const name of ['web-01', 'web-02', 'web-03', 'web-04']) {
    await page.keyboard.press('/');
    await expect(page.getByTestId('search-input')).toBeFocused();
    await page.keyboard.type(name);
    await page.locator('.n-base-select-option').filter({ hasText: name }).first().click();
    await expect(page.getByTestId('pane-title')).toHaveText(name);
    // The drawer covers the pane's right edge: power on from the tree's context menu, beside the drawer.
    await page.locator(`[data-testid=tree-node][data-name="${name}"]`).click({ button: 'right' });
    await page.getByTestId('menu-powerOn').click();
    await expect(page.getByTestId('lab-goal')).toBeVisible();
  }
  // Speed up and play: the checks pass within a few ticks.
  await page.getByTestId('clock-speed').selectOption('1000');
  await page.getByTestId('clock-play').click();
  await expect(page.getByTestId('lab-result')).toContainText('Lab passed', { timeout: 30_000 });
  await expect(page.getByTestId('lab-check-all-on')).toHaveAttribute('data-status', /passing|passed/);
  // Readable actions: "Power web-01", not the raw command type.
  await expect(page.getByTestId('lab-actions')).toContainText('Power web-01');
  await expect(page.getByTestId('lab-actions')).not.toContainText('vm.power');
  // The recording of what the learner did comes as a real download (GET /download/<id>), a storyline that replays it.
  await page.getByTestId('demo-panel').getByText('Recording', { exact: true }).click();
  const [rec] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('recording-export').click(),
  ]);
  expect(rec.suggestedFilename()).toMatch(/\.storyline\.json$/);
  expect(rec.url()).toContain('/download/dl-');
  const story = JSON.parse(readFileSync((await rec.path())!, 'utf8')) as {
    events: unknown[];
    scenario: unknown;
  };
  expect(story.events.length).toBeGreaterThanOrEqual(4);
  await expect(page.getByTestId('recording-note')).toContainText('Recording exported');
});

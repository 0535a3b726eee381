/**
 * README screenshots of the real console at 1440×900, written to test-results/screenshots/readme/, or
 * to docs/screenshots/ when VDC_UPDATE_SCREENSHOTS=1 (how the README's images are refreshed): light English (a host's Summary), dark English (Monitor with charts), light Chinese
 * (a cluster's Summary with DRS / HA / DPM, DRS set to manual so recommendations wait there) and the migrate wizard. The clock runs at 1,000× for a
 * while so the charts have history, then pauses so every shot is still. Chinese text needs a CJK
 * font (fonts-wqy-microhei here); without one the test still passes and the glyphs are boxes.
 */
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect } from './fixtures';
import { apiCall, node } from './console-helpers';

const OUT =
  process.env.VDC_UPDATE_SCREENSHOTS === '1'
    ? resolve(__dirname, '..', 'docs', 'screenshots')
    : resolve(__dirname, '..', 'test-results', 'screenshots', 'readme');
const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(OUT, name), animations: 'disabled', caret: 'hide' });

async function select(page: Page, name: string): Promise<void> {
  await page.getByTestId('search-input').fill(name);
  await page
    .locator('.n-base-select-option')
    .filter({ hasText: new RegExp(`^${name} ·`) })
    .first()
    .click();
  await expect(page.getByTestId('pane-title')).toHaveText(name);
  // Leave the search box empty and unfocused, as after a click in the tree.
  await page.getByTestId('search-input').fill('');
  await page.getByTestId('pane-title').click();
}

async function settings(page: Page, ...choices: string[]): Promise<void> {
  await page.getByTestId('settings-button').click();
  for (const c of choices) await page.getByTestId(c).click();
  await page.keyboard.press('Escape');
  await page.mouse.move(720, 880);
}

/** Closes alarm notifications, then waits until no popover, menu, message or notification is left on screen. */
async function settled(page: Page): Promise<void> {
  const notes = page.locator('.n-notification');
  await expect(async () => {
    for (const close of await notes.locator('.n-base-close').all())
      await close.click({ timeout: 1000 }).catch(() => undefined);
    await expect(notes).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(
    page.locator('.n-popover:visible, .n-message:visible, .n-base-select-menu:visible'),
  ).toHaveCount(0);
}

test('README screenshots: light and dark, English and Chinese, the migrate wizard', async ({
  page,
  consoleUrl,
  server,
}) => {
  test.setTimeout(120_000);
  mkdirSync(OUT, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(consoleUrl);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
  await expect(node(page, 'esx-01')).toBeVisible();

  // Some simulated history for the charts: run at 1,000× until about an hour has passed, then pause.
  await page.getByTestId('clock-speed').selectOption('1000');
  if ((await page.getByTestId('clock-play').getAttribute('aria-pressed')) !== 'true')
    await page.getByTestId('clock-play').click();
  await node(page, 'esx-01').click();
  await page.getByTestId('tab-monitor').click();
  await expect(page.getByTestId('monitor-chart').first()).toHaveAttribute(
    'data-points',
    /^([4-9]\d|\d{3,})$/,
    { timeout: 30_000 },
  );
  // Past the morning ramp (the lab's first DRS migrations come at about 07:25), so that the Summary has
  // recent events: wait on the simulated clock, not on how fast the chart filled.
  const simSeconds = async () =>
    Number((await page.getByTestId('clock-time').getAttribute('data-sim-seconds')) ?? 0);
  await expect.poll(simSeconds, { timeout: 60_000 }).toBeGreaterThan(2.2 * 3600);
  await page.getByTestId('clock-pause').click();
  await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-pressed', 'false');

  // Light, English: the host's Summary with capacity bars and overcommit ratios.
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('cap-cpu-ratio')).toBeVisible();
  await expect(page.getByTestId('summary-events').locator('tbody tr').first()).toBeVisible();
  await settled(page);
  await shot(page, 'console-light-en.png');

  // Dark, English: Monitor with its charts.
  await settings(page, 'theme-dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('tab-monitor').click();
  await expect(page.getByTestId('monitor-chart').first()).toHaveAttribute('data-points', /^[1-9]\d+$/);
  await settled(page);
  await shot(page, 'console-dark-en.png');

  // Light, Chinese: the cluster's Summary with DRS, HA and DPM. Manual DRS (the recommendations are
  // computed from the current loads when the cluster is described) shows what waits for approval.
  const drs = { enabled: true, automation: 'manual', threshold: 5 };
  expect(
    (
      await apiCall(server, 'command.execute', {
        command: { type: 'cluster.configure', clusterId: 'cl-lab', settings: { drs } },
      })
    ).ok,
  ).toBe(true);
  await settings(page, 'theme-light', 'lang-zh');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await node(page, 'Lab Cluster').click();
  await expect(page.getByTestId('pane-title')).toHaveText('Lab Cluster');
  await page.getByTestId('tab-summary').click();
  await expect(page.getByTestId('scheduling-card')).toBeVisible();
  await expect(page.getByTestId('cap-cpu-ratio')).toBeVisible();
  await settled(page);
  await shot(page, 'console-light-zh.png');

  // The migrate wizard (light, English) with pre-checked targets.
  await settings(page, 'lang-en');
  await expect(page.getByTestId('tab-summary')).toHaveText('Summary');
  await select(page, 'web-01');
  await page.getByTestId('actions-menu').click();
  await page.getByTestId('action-migrate').click();
  const dialog = page.getByTestId('wizard-migrate');
  await expect(dialog.getByTestId('migrate-target').first()).toBeVisible();
  await dialog.locator('[data-testid=migrate-target][data-name=esx-02]').click();
  await page.mouse.move(720, 880);
  await settled(page);
  await shot(page, 'wizard-migrate.png');
});

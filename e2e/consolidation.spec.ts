/**
 * The consolidation experiment in the browser: point the view at a small synthetic PlanetLab-format
 * folder, pick a policy, start, watch the charts fill and the result row appear; a bad folder is refused
 * with a message naming it; the comparison exports as CSV.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

let root: string;
let workload: string;

test.beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vdc-e2e-consol-'));
  workload = join(root, 'day');
  mkdirSync(workload);
  for (let i = 0; i < 20; i++) {
    const lines = Array.from({ length: 288 }, (_, k) =>
      Math.max(
        0,
        Math.min(
          100,
          Math.round(45 + 40 * Math.sin((2 * Math.PI * (k + 17 * i)) / 288) + ((k * 31 + i * 17) % 23) - 11),
        ),
      ),
    );
    writeFileSync(join(workload, `vm-${String(i).padStart(2, '0')}`), `${lines.join('\n')}\n`);
  }
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
}

async function pickPolicy(page: Page, name: string): Promise<void> {
  await page.getByTestId('consol-policy').click();
  await page.keyboard.type(name);
  await page
    .locator('.n-base-select-option')
    .filter({ hasText: new RegExp(`^${name}( \\(|$)`) })
    .first()
    .click();
}

test('run thr-mmt and npa on a synthetic day: live charts, result rows, CSV', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('consolidation-open').click();
  const view = page.getByTestId('consol-view');
  await expect(view).toBeVisible();

  // A folder that does not exist: refused, nothing runs.
  await page.getByTestId('consol-workload').fill(join(root, 'nope'));
  await page.getByTestId('consol-start').click();
  await expect(page.getByTestId('consol-error')).toContainText(
    `workload folder ${join(root, 'nope')} does not exist`,
  );
  await expect(page.getByTestId('consol-status')).toHaveCount(0);

  await page.getByTestId('consol-workload').fill(workload);
  await pickPolicy(page, 'thr-mmt');
  await expect(page.getByTestId('consol-param-rule')).toContainText('default 0.8');
  await page.getByTestId('consol-start').click();
  await expect(page.getByTestId('consol-error')).toHaveCount(0);
  await expect(page.getByTestId('consol-status')).toContainText('thr-mmt 0.8');
  await expect
    .poll(
      async () => Number(await page.getByTestId('consol-chart-activeHosts').getAttribute('data-points')),
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  await expect(page.getByTestId('consol-status')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  // 287 scheduling intervals (300.1 s … 86,100.1 s) on every chart.
  for (const m of ['activeHosts', 'powerW', 'migrationsStarted', 'vmsRunning'])
    await expect(page.getByTestId(`consol-chart-${m}`)).toHaveAttribute('data-points', '287');
  await expect(page.getByTestId('consol-progress')).toContainText('24:00');
  const results = page.getByTestId('consol-results');
  await expect(results.locator('tbody tr')).toHaveCount(1);
  await expect(results.getByTestId('consol-row-run-1')).toContainText('thr-mmt 0.8');

  // A second policy for comparison: NPA keeps every host on (800 hosts, 0 migrations).
  await pickPolicy(page, 'npa');
  await expect(page.getByTestId('consol-param-rule')).toContainText('no parameter');
  await page.getByTestId('consol-start').click();
  await expect(results.getByTestId('consol-row-run-2')).toContainText('npa', { timeout: 30_000 });
  await expect(page.getByTestId('consol-status')).toHaveAttribute('data-status', 'done');
  await expect(results.locator('tbody tr')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/screenshots/consolidation-1440x900.png' });

  const download = page.waitForEvent('download');
  await page.getByTestId('consol-csv').click();
  const file = await (await download).path();
  const lines = readFileSync(file, 'utf8').trim().split('\r\n');
  expect(lines[0]).toContain('policy,param,mode,seed,workload');
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['thr-mmt', 'npa']);
});

/**
 * The global events, tasks and alarms console (issue 12, "Events, tasks, alarms"), through the UI:
 * filter events by severity and object (with its children), sort, export CSV, open an object in the
 * inventory; tasks filtered by type. axe-checked; screenshots in light/dark and en/zh-CN.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectAccessible } from './axe';
import { action, open, select } from './console-helpers';

async function pick(page: Page, testid: string, option: RegExp | string, scope?: Locator): Promise<void> {
  await (scope ?? page).getByTestId(testid).click();
  await page.locator('.n-base-select-option').filter({ hasText: option }).first().click();
}
const attrOf = (rows: Locator, name: string) =>
  rows.evaluateAll((r, n) => r.map((x) => x.getAttribute(n)), name);
const totalOf = (drawer: Locator) => async () =>
  Number((await drawer.getByTestId('history-total').textContent())?.replace(/\D/g, ''));

async function settings(page: Page, ...choices: string[]): Promise<void> {
  await page.getByTestId('settings-button').click();
  for (const c of choices) await page.getByTestId(c).click();
  await page.keyboard.press('Escape');
}

test('events console: severity and object filters, sort, CSV export, open an object', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  // error events, caused through the UI: a host fails
  await select(page, 'esx-01');
  await action(page, 'failHost');
  await page.getByRole('button', { name: 'Simulate host failure' }).last().click();
  await expect(page.getByTestId('pane-state')).toHaveText('Failed', { timeout: 20_000 });
  await page.getByTestId('clock-pause').click();

  // the launcher is really on screen at 1440 px (not clipped by the top bar's menus)
  const launcher = page.getByTestId('ops-open');
  const box = (await launcher.boundingBox())!;
  const hit = await page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.closest('[data-testid=ops-open]') !== null,
    [box.x + box.width / 2, box.y + box.height / 2],
  );
  expect(hit, 'the Events & alarms button is visible in the top bar').toBe(true);
  await page.screenshot({ path: 'test-results/screenshots/ops-topbar-light-en.png' });
  await launcher.click();
  const drawer = page.getByTestId('ops-drawer');
  const rows = drawer.getByTestId('events-row');
  const total = totalOf(drawer);
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expectAccessible(page, 'events console', '.n-drawer');
  const all = await total();

  // severity: only rows of that severity, fewer than all
  await pick(page, 'filter-severity', /^Error$/);
  await expect.poll(async () => (await attrOf(rows, 'data-severity')).every((s) => s === 'error')).toBe(true);
  expect(await rows.count()).toBeGreaterThan(0);
  expect(await total()).toBeLessThan(all);
  await pick(page, 'filter-severity', /^All severities$/);
  await expect.poll(total).toBe(all);

  // sort by severity, descending (server-side): errors first, then warnings, then info
  const th = drawer.locator('th', { hasText: 'Severity' });
  await th.click(); // Naive's sorter: descending first
  await expect.poll(async () => (await attrOf(rows, 'data-severity'))[0]).toBe('error');
  const rank = (s: string | null) => (s === 'error' ? 2 : s === 'warning' ? 1 : 0);
  const sevs = (await attrOf(rows, 'data-severity')).map(rank);
  expect(sevs).toEqual([...sevs].sort((a, b) => b - a));

  // object filter: esx-01 with its children, then its own events only
  await page.getByTestId('filter-object').click();
  await page.keyboard.type('esx-01');
  await page
    .locator('.n-base-select-option')
    .filter({ hasText: /^esx-01 · Host$/ })
    .click();
  await expect.poll(total).toBeLessThan(all);
  const withChildren = await total();
  expect(withChildren).toBeGreaterThan(0);
  await page.getByTestId('filter-children').click();
  await expect.poll(total).toBeLessThan(withChildren);
  await page.getByTestId('filter-children').click();
  await expect.poll(total).toBe(withChildren);

  // CSV of the filtered list: the header and one line per row
  const dl = page.waitForEvent('download');
  await drawer.getByTestId('history-export').click();
  const file = await dl;
  expect(file.suggestedFilename()).toBe('events.csv');
  const lines = readFileSync(await file.path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('time,sim_seconds,severity,type,description,objects,object_ids');
  expect(lines.length - 1).toBe(withChildren);
  expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,\d+,error,/);
  await page.mouse.move(10, 890);
  await page.screenshot({ path: 'test-results/screenshots/ops-events-light-en.png' });

  // clicking an object opens it in the inventory
  const link = rows.first().getByTestId('history-object').first();
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId('pane-title')).toHaveText(name);
});

test('tasks console: migrations started in the UI, filtered by type; zh-CN and dark', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  await select(page, 'esx-02');
  await action(page, 'enterMaintenance');
  await expect(page.getByTestId('recent-tasks')).toContainText('Migrate', { timeout: 30_000 });
  await page.getByTestId('ops-open').click();
  const drawer = page.getByTestId('ops-drawer');
  await drawer.locator('.n-tabs-tab', { hasText: 'Tasks' }).click();
  const rows = drawer.getByTestId('tasks-row');
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(1);
  const types = new Set(await attrOf(rows, 'data-type'));
  expect(types.size).toBeGreaterThan(0);
  await pick(page, 'filter-type', 'vm.migrate', drawer.getByTestId('tasks-console'));
  await expect
    .poll(async () => (await attrOf(rows, 'data-type')).every((x) => x === 'vm.migrate'))
    .toBe(true);
  expect(await rows.count()).toBeGreaterThan(0);
  await expectAccessible(page, 'tasks console', '.n-drawer');
  await page.screenshot({ path: 'test-results/screenshots/ops-tasks-light-en.png' });

  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await settings(page, 'theme-dark', 'lang-zh');
  await page.getByTestId('ops-open').click();
  await expect(drawer).toContainText('事件、任务和警报');
  await drawer.locator('.n-tabs-tab').first().click();
  await expect(drawer.getByTestId('events-row').first()).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page, 'events console, dark, zh-CN', '.n-drawer');
  await page.screenshot({ path: 'test-results/screenshots/ops-events-dark-zh.png' });
});

test('alarm definitions: a lowered threshold raises an alarm on the next tick; create, refuse, delete', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-pause').click();
  await page.getByTestId('ops-open').click();
  const drawer = page.getByTestId('ops-drawer');
  await drawer.locator('.n-tabs-tab', { hasText: 'Alarm definitions' }).click();
  const rows = drawer.getByTestId('def-row');
  await expect(rows).toHaveCount(4);
  await expectAccessible(page, 'alarm definitions', '.n-drawer');
  await page.screenshot({ path: 'test-results/screenshots/ops-alarmdefs-light-en.png' });

  // edit the built-in host CPU definition: a critical below the warning is refused before saving
  await drawer.locator('[data-testid=def-row][data-id="host.cpu"]').getByTestId('def-edit').click();
  const editor = page.getByTestId('def-editor');
  await expect(editor).toBeVisible();
  await expectAccessible(page, 'alarm definition editor', '[data-testid=def-editor]');
  await editor.getByTestId('def-warning').fill('1');
  await editor.getByTestId('def-critical').fill('0.5');
  await editor.getByTestId('def-duration').click();
  await expect(editor.getByTestId('def-problem')).toContainText('Critical must be beyond warning');
  await expect(editor.getByTestId('def-save')).toBeDisabled();
  await editor.getByTestId('def-critical').fill('2');
  await editor.getByTestId('def-duration').fill('0');
  await editor.getByTestId('def-tolerance').click();
  await expect(editor.getByTestId('def-problem')).toBeHidden();
  await page.screenshot({ path: 'test-results/screenshots/ops-alarmdef-editor-light-en.png' });
  await editor.getByTestId('def-save').click();
  await expect(editor).toBeHidden();
  await expect(drawer.locator('[data-testid=def-row][data-id="host.cpu"]')).toContainText('2 %');

  // the next tick raises host CPU alarms at the new threshold
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await page.getByTestId('clock-step').click();
  await page.getByTestId('alarm-count').click();
  await expect(page.getByTestId('alarms-drawer')).toContainText(
    /Host CPU usage of esx-0\d is [\d.]+ % \(threshold 2 %\)/,
    { timeout: 15_000 },
  );
  await page.keyboard.press('Escape');

  // a new "is below" definition on VMs (one save, one definition), then deleted
  await page.getByTestId('ops-open').click();
  await drawer.getByTestId('def-new').click();
  await editor.getByTestId('def-label').fill('VM memory idle');
  await editor.getByTestId('def-metric').click();
  await page.keyboard.type('Memory usage');
  await page
    .locator('.n-base-select-option')
    .filter({ hasText: /^Memory usage %$/ })
    .first()
    .click();
  await editor.getByTestId('def-direction').click();
  await page.locator('.n-base-select-option').filter({ hasText: 'is below' }).click();
  await editor.getByTestId('def-warning').fill('5');
  await editor.getByTestId('def-critical').fill('2');
  await editor.getByTestId('def-label').click();
  await editor.getByTestId('def-save').click();
  await expect(editor).toBeHidden();
  const made = drawer.locator('[data-testid=def-row][data-id="user.1"]');
  await expect(made).toContainText('VM memory idle');
  await expect(made).toContainText('is below');
  await expect(rows).toHaveCount(5);
  await expect(
    drawer.locator('[data-testid=def-row][data-id="host.cpu"]').getByTestId('def-delete'),
  ).toHaveCount(0);
  await made.getByTestId('def-delete').click();
  await page.locator('.n-dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(made).toHaveCount(0);
  await expect(rows).toHaveCount(4);

  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page.locator('.n-message')).toHaveCount(0, { timeout: 15_000 });
  await settings(page, 'theme-dark');
  await page.getByTestId('ops-open').click();
  await expect(rows).toHaveCount(4);
  await expectAccessible(page, 'alarm definitions, dark', '.n-drawer');
  await page.screenshot({ path: 'test-results/screenshots/ops-alarmdefs-dark-en.png' });
});

test('charts: CPU ready in host and cluster Monitor; advanced chart with one series per VM of a host, stacked', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  for (const name of ['esx-01', 'Lab Cluster']) {
    await select(page, name);
    await page.getByTestId('tab-monitor').click();
    const ready = page.locator('[data-testid=monitor-chart][data-labels*="CPU ready %"]');
    await expect(ready).toHaveCount(1);
    await expect
      .poll(async () => Number(await ready.getAttribute('data-points')), { timeout: 20_000 })
      .toBeGreaterThan(0);
  }
  await page.getByTestId('clock-pause').click();
  const vms = await page
    .locator('[data-testid=tree-node][data-kind=vm][data-parent="esx-01"]')
    .evaluateAll((r) => r.map((x) => x.getAttribute('data-name')));
  expect(vms.length).toBeGreaterThan(1);

  await page.getByTestId('ops-open').click();
  const drawer = page.getByTestId('ops-drawer');
  await drawer.locator('.n-tabs-tab', { hasText: 'Advanced chart' }).click();
  await page.getByTestId('adv-parent').click();
  await page.keyboard.type('esx-01');
  await page
    .locator('.n-base-select-option')
    .filter({ hasText: /^esx-01 · Host$/ })
    .click();
  await page.getByTestId('adv-add-all').click();
  const chart = drawer.getByTestId('adv-chart');
  await expect(chart).toHaveCount(1);
  // one series per chosen VM, named after it
  await expect(chart).toHaveAttribute('data-series', String(vms.length));
  const labels = ((await chart.getAttribute('data-labels')) ?? '').split('|').sort();
  expect(labels).toEqual([...vms].sort());
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);
  await page.getByTestId('adv-stacked').click();
  await expectAccessible(page, 'advanced chart', '.n-drawer');
  await page.screenshot({ path: 'test-results/screenshots/ops-chart-light-en.png' });

  // a second metric with another unit: a chart per unit, a series per VM and metric
  await page.getByTestId('adv-metrics').click();
  await page.keyboard.type('CPU usage');
  await page
    .locator('.n-base-select-option')
    .filter({ hasText: /\(MHz\)$/ })
    .first()
    .click();
  await page.keyboard.press('Escape');
  await expect(drawer.getByTestId('adv-chart')).toHaveCount(2);
  await expect(drawer.getByTestId('adv-chart').nth(1)).toHaveAttribute('data-series', String(vms.length));
});

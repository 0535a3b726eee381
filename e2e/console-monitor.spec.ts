/**
 * Monitoring as a user reads it: live charts append points, ranges and statistics switch, the
 * stacked top-10 chart of a host's guests, PNG/CSV export, the guests table (sort, filter,
 * columns, CSV, bulk power), and alarms (badge, list, acknowledge).
 */
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { apiCall, node, open } from './console-helpers';

test('monitor: live points, ranges, average/maximum, guest stack, PNG and CSV export', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  await node(page, 'esx-01').click();
  await page.getByTestId('tab-monitor').click();
  const chart = page.getByTestId('monitor-chart').first();
  await expect(chart).toBeVisible();
  // Realtime appends points as ticks arrive.
  const before = Number(await chart.getAttribute('data-points'));
  await expect
    .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 20_000 })
    .toBeGreaterThan(before + 2);
  await expect(page.getByTestId('guest-stack-chart')).toBeVisible();
  await expect
    .poll(async () => Number(await page.getByTestId('guest-stack-chart').getAttribute('data-points')), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);

  await page.getByTestId('range-day').click();
  await page.getByTestId('stat-max').click();
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);

  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('export-csv').first().click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/^esx-01-day-.*\.csv$/);
  const text = readFileSync(await csv.path(), 'utf8');
  const lines = text.trim().split('\r\n'); // RFC 4180 (src/shared/csv.ts)
  expect(lines[0]).toMatch(/^time,CPU usage \(MHz\)/);
  expect(lines.length).toBeGreaterThan(2);
  expect(lines[1]).toMatch(/^2026-01-05T\d\d:\d\d:\d\d\.000Z,[\d.]+/);

  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('export-png').first().click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync(await png.path());
  expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
  await page.screenshot({ path: 'test-results/screenshots/monitor-light-en.png' });
});

test('guests table: filter, sort, columns, CSV and bulk power off with confirmation', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await node(page, 'esx-01').click();
  await page.getByTestId('tab-rel-vms').click();
  const rows = page.getByTestId('entity-row');
  await expect(rows.first()).toBeVisible();
  const total = await rows.count();
  expect(total).toBeGreaterThan(2);

  await page.getByTestId('table-filter').locator('input').fill('web');
  await expect(rows).not.toHaveCount(total);
  for (const name of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? '')))
    expect(name).toContain('web');
  await page.getByTestId('table-filter').locator('input').fill('');
  await expect(rows).toHaveCount(total);

  // Sort by name descending: click the header twice.
  await page.getByRole('columnheader', { name: 'Name' }).click();
  await page.getByRole('columnheader', { name: 'Name' }).click();
  const sorted = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
  expect(sorted).toEqual([...sorted].sort((a, b) => b.localeCompare(a)));

  // Column chooser adds "Disk IOPS".
  await page.getByTestId('column-chooser').click();
  await page.getByRole('checkbox', { name: /Disk IOPS/ }).click();
  await expect(page.getByRole('columnheader', { name: /Disk IOPS/ })).toBeVisible();
  await page.keyboard.press('Escape');

  const dl = page.waitForEvent('download');
  await page.getByTestId('table-export-csv').click();
  const csv = readFileSync(await (await dl).path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]).toContain('disk.iops');
  expect(csv.length).toBe(total + 1);

  // Bulk: power off two VMs.
  const names = sorted.slice(0, 2);
  for (const n of names) await page.locator(`[data-testid=entity-row][data-name="${n}"] .n-checkbox`).click();
  await page.getByTestId('bulk-actions').click();
  await page.getByTestId('bulk-powerOff').click();
  await page.getByRole('button', { name: 'Power off' }).last().click();
  await page.getByTestId('clock-speed').selectOption('1000');
  for (const n of names)
    await expect(page.locator(`[data-testid=entity-row][data-name="${n}"]`)).toContainText('Powered off', {
      timeout: 20_000,
    });
});

test('alarms: a busy host raises an alarm shown in the top bar, the tree and the list; acknowledge it', async ({
  page,
  consoleUrl,
  server,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('max');
  // Failing a host piles its VMs onto the others until they cross the 75 % thresholds.
  await node(page, 'esx-01').click({ button: 'right' });
  await page.getByTestId('menu-failHost').click();
  await page.getByRole('button', { name: 'Simulate host failure' }).last().click();
  // Alarms after a failure can clear again within seconds: catch one while the clock is paused, so the
  // list cannot change under the test. Once paused, wait until the console shows exactly the service's
  // active alarms (every push on its way has arrived) instead of waiting a fixed time.
  const count = async () => Number(await page.getByTestId('alarm-count').getAttribute('data-count'));
  const serverActive = async () =>
    ((await apiCall(server, 'alarms.query', { activeOnly: true })) as unknown as { value: { total: number } })
      .value.total;
  await expect
    .poll(
      async () => {
        if ((await count()) === 0) return 0;
        await page.getByTestId('clock-pause').click();
        await expect(page.getByTestId('clock-pause')).toHaveAttribute('aria-pressed', 'true');
        await expect
          .poll(
            async () =>
              ((await apiCall(server, 'clock.get', {})) as unknown as { value: { running: boolean } }).value
                .running,
          )
          .toBe(false);
        const active = await serverActive();
        await expect.poll(count).toBe(active);
        if (active === 0) await page.getByTestId('clock-play').click();
        return active;
      },
      { timeout: 40_000 },
    )
    .toBeGreaterThan(0);
  await expect(page.getByTestId('tree-alarm-badge').first()).toBeVisible();
  await page.getByTestId('alarm-count').click();
  const drawer = page.getByTestId('alarms-table');
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText(/threshold/);
  const ack = drawer.getByTestId('alarm-ack').first();
  const before = await drawer.getByTestId('alarm-ack').count();
  await ack.click();
  await expect(drawer.getByTestId('alarm-ack')).toHaveCount(before - 1);
});

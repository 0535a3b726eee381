/**
 * Issue 12, the smaller remaining gaps, through the UI (each test reproduced the gap before its fix):
 * a migration's Duration agrees with its result; DRS rules stated by VM tags are listed (read-only, with
 * their origin) in VM/Host groups and rules; a custom date range in the events console; tags and custom
 * attributes on an object's Summary; a failed host's Summary lists its events; the events console's object
 * links use the theme's colour; a snapshot chain that could not be merged is consolidated from the
 * Snapshots tab.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectAccessible } from './axe';
import { action, apiCall, confirmDialog, open, select } from './console-helpers';

async function pause(page: Page): Promise<void> {
  if ((await page.getByTestId('clock-play').getAttribute('aria-pressed')) === 'true')
    await page.getByTestId('clock-pause').click();
  await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-pressed', 'false');
}
async function pick(page: Page, testid: string, option: RegExp | string, scope?: Locator): Promise<void> {
  await (scope ?? page).getByTestId(testid).click();
  await page.locator('.n-base-select-option:visible').filter({ hasText: option }).first().click();
}
/** "2.6 s" → 2.6 (the Duration column, seconds only). */
const seconds = (text: string | null): number => {
  const m = /^([\d.]+) s$/.exec((text ?? '').trim());
  return m ? Number(m[1]) : Number.NaN;
};

test('a migration: the Duration column says what the result says (object Tasks tab and the tasks console)', async ({
  page,
  consoleUrl,
}) => {
  test.setTimeout(180_000);
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('100');
  await select(page, 'dev-02');
  await action(page, 'migrate');
  const target = page
    .getByTestId('wizard-migrate')
    .locator('[data-testid=migrate-target]')
    .filter({ hasText: 'Compatible' })
    .first();
  await expect(target).toBeVisible();
  await target.click();
  await page.getByTestId('migrate-submit').click();
  await expect(page.getByTestId('migrate-progress')).toContainText('Completed', { timeout: 60_000 });
  await page.getByTestId('migrate-close').click();
  await pause(page);

  await page.getByTestId('tab-tasks').click();
  const row = page
    .getByTestId('object-tasks')
    .locator('[data-testid=task-row][data-type="vm.migrate"][data-state=success]')
    .first();
  await expect(row).toBeVisible({ timeout: 20_000 });
  const reason = (await row.locator('td').nth(5).textContent()) ?? '';
  const stated = Number(/completed in ([\d.]+) s/.exec(reason)?.[1]);
  expect(stated, `the result states a time: "${reason}"`).toBeGreaterThan(0);
  expect(seconds(await row.locator('td').nth(4).textContent())).toBeCloseTo(stated, 1);

  await page.getByTestId('ops-open').click();
  const drawer = page.getByTestId('ops-drawer');
  await drawer.locator('.n-tabs-tab', { hasText: 'Tasks' }).click();
  const hrow = drawer.locator('[data-testid=tasks-row][data-type="vm.migrate"]').first();
  await expect(hrow).toBeVisible({ timeout: 20_000 });
  expect(seconds(await hrow.getByTestId('task-duration').textContent())).toBeCloseTo(stated, 1);
});

test('VM/Host rules: rules stated by VM tags are listed read-only with their origin', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await pause(page);
  for (const vm of ['web-01', 'web-02']) {
    await select(page, vm);
    await action(page, 'annotate');
    const dlg = page.getByTestId('dialog-annotate');
    await expect(dlg).toContainText('tier:web');
    await page.getByTestId('annotate-add-tag').click();
    await page.getByTestId('annotate-tag-input').fill('anti-affinity:web-pair');
    await page.getByTestId('annotate-tag-input').press('Enter');
    await page.getByTestId('annotate-submit').click();
    await expect(dlg).toBeHidden();
  }
  await select(page, 'Lab Cluster');
  await action(page, 'clusterRules');
  const dialog = page.getByTestId('dialog-clusterRules');
  const row = dialog.locator('[data-testid=rule-row][data-name="anti-affinity:web-pair"]');
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-origin', 'tag');
  await expect(row).toContainText('Separate virtual machines');
  await expect(row).toContainText('web-01');
  await expect(row).toContainText('web-02');
  await expect(row).toContainText('VM tag anti-affinity:web-pair');
  // Read-only: no switch, no edit or delete (the tags are where it is changed).
  await expect(row.getByTestId('rule-edit')).toHaveCount(0);
  await expect(row.getByTestId('rule-delete')).toHaveCount(0);
  await expect(row.getByTestId('rule-enabled')).toHaveCount(0);
  await expectAccessible(
    page,
    'the VM/Host rules dialog with a tag rule',
    '[data-testid=dialog-clusterRules]',
  );
  await page.screenshot({ path: 'test-results/screenshots/cluster-rules-derived-light-en.png' });
});

test('events console: a custom date range (simulated time, UTC) lists only the events inside it', async ({
  page,
  consoleUrl,
}) => {
  test.setTimeout(180_000);
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  await expect
    .poll(async () => Number(await page.getByTestId('clock-time').getAttribute('data-sim-seconds')), {
      timeout: 60_000,
    })
    .toBeGreaterThan(4 * 3600);
  await pause(page);
  await page.getByTestId('ops-open').click();
  const drawer = page.getByTestId('ops-drawer');
  const rows = drawer.getByTestId('events-row');
  await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(0);
  const total = async () =>
    Number((await drawer.getByTestId('history-total').textContent())?.replace(/\D/g, ''));
  const all = await total();
  await pick(page, 'filter-range', /^Custom range…$/, drawer);
  const from = drawer.getByTestId('filter-from');
  const to = drawer.getByTestId('filter-to');
  await expect(from).toBeVisible();
  // Prefilled with the whole run; a range the wrong way round is refused with the reason.
  const start = await from.inputValue();
  expect(start).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  await to.fill(start);
  await from.fill('2999-01-01 00:00');
  await from.press('Enter');
  await expect(drawer.getByTestId('range-problem')).toContainText('must not be after');
  // The first two hours of the run.
  const t0 = Date.parse(`${start.replace(' ', 'T')}:00Z`);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  await from.fill(iso(t0));
  await to.fill(iso(t0 + 2 * 3600_000));
  await to.press('Enter');
  await expect(drawer.getByTestId('range-problem')).toHaveCount(0);
  await expect.poll(total).toBeLessThan(all);
  expect(await total()).toBeGreaterThan(0);
  const times = await rows.evaluateAll((r) => r.map((x) => Number(x.getAttribute('data-time'))));
  expect(times.length).toBeGreaterThan(0);
  // "To" takes in its whole minute.
  for (const s of times) expect(s).toBeLessThan(2 * 3600 + 60);
  await expectAccessible(page, 'events console with a custom range', '.n-drawer');
  await page.screenshot({ path: 'test-results/screenshots/ops-events-custom-range-light-en.png' });
});

test('Summary: tags and custom attributes of a VM and a host', async ({ page, consoleUrl }) => {
  await open(page, consoleUrl);
  await pause(page);
  await select(page, 'app-01');
  await action(page, 'annotate');
  await page.getByTestId('annotate-add-attribute').click();
  await page.getByTestId('annotate-key-0').fill('owner');
  await page.getByTestId('annotate-value-0').fill('ana');
  await page.getByTestId('annotate-submit').click();
  await expect(page.getByTestId('dialog-annotate')).toBeHidden();
  const tags = page.getByTestId('summary-tags');
  await expect(tags).toContainText('tier:app');
  await expect(tags.getByTestId('summary-attribute-owner')).toContainText('ana');
  await expectAccessible(page, 'the Summary with tags and attributes', '[data-testid=summary]');

  await select(page, 'esx-01');
  await expect(tags).toContainText('No tags');
  await action(page, 'annotate');
  await page.getByTestId('annotate-add-tag').click();
  await page.getByTestId('annotate-tag-input').fill('rack-a');
  await page.getByTestId('annotate-tag-input').press('Enter');
  await page.getByTestId('annotate-submit').click();
  await expect(tags).toContainText('rack-a');
  await page.screenshot({ path: 'test-results/screenshots/summary-tags-light-en.png' });
});

test("a failed host's Summary lists its events (paused and running)", async ({ page, consoleUrl }) => {
  await open(page, consoleUrl);
  await pause(page);
  await select(page, 'esx-02');
  await action(page, 'failHost');
  await page.getByRole('button', { name: 'Simulate host failure' }).last().click();
  await expect(page.getByTestId('pane-state')).toHaveText('Failed', { timeout: 20_000 });
  // Defect 8: a failed host offers no "New virtual machine".
  await page.getByTestId('actions-menu').click();
  await expect(
    page.getByTestId('action-repairHost').or(page.getByTestId('action-annotate')).first(),
  ).toBeVisible();
  await expect(page.getByTestId('action-newVm')).toHaveCount(0);
  await page.keyboard.press('Escape');
  const events = page.getByTestId('summary-events');
  await expect(events).toContainText('esx-02 failed', { timeout: 10_000 });
  // Defect 3: the event rolls up to the host's cluster and datacenter (Summary and Events tab).
  for (const parent of ['Lab Cluster', 'Lab']) {
    await select(page, parent);
    await expect(events).toContainText('esx-02 failed', { timeout: 10_000 });
    await page.getByTestId('tab-events').click();
    await expect(page.getByTestId('events-table')).toContainText('esx-02 failed');
    await page.getByTestId('tab-summary').click();
  }
  await select(page, 'esx-02');
  await page.getByTestId('clock-play').click();
  await expect(events.locator('tbody tr')).not.toHaveCount(0);
  await expect(events).not.toContainText('No Data');
});

test('the events console links objects in the theme colour (light and dark)', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  await page.getByTestId('ops-open').click();
  const drawer = page.getByTestId('ops-drawer');
  const link = drawer.getByTestId('history-object').first();
  await expect(link).toBeVisible({ timeout: 30_000 });
  const colour = () => link.evaluate((a) => getComputedStyle(a).color);
  expect(await colour()).toBe('rgb(31, 111, 197)'); // the light theme's primary colour
  await page.keyboard.press('Escape');
  await page.getByTestId('settings-button').click();
  await page.getByTestId('theme-dark').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('ops-open').click();
  await expect(link).toBeVisible();
  await expect.poll(colour).toBe('rgb(77, 155, 230)'); // the dark theme's
  await expectAccessible(page, 'events console, dark', '.n-drawer');
});

/** A small lab where a merge cannot fit: a thin VM that writes steadily and a big thick one beside it. */
const TIGHT = {
  version: 1,
  name: 'Tight datastore',
  seed: 1,
  tickSeconds: 20,
  startDate: '2026-01-05T00:00:00Z',
  datacenters: [{ id: 'dc-1', name: 'DC' }],
  clusters: [
    {
      id: 'cl-1',
      name: 'Cluster',
      datacenterId: 'dc-1',
      settings: { ha: { restartDelaySec: 0, admission: 'disabled' } },
    },
  ],
  hosts: [1, 2].map((i) => ({
    id: `host-${i}`,
    name: `esx-${i}`,
    clusterId: 'cl-1',
    sockets: 1,
    coresPerSocket: 4,
    coreMHz: 1000,
    memMiB: 16384,
    nicMbps: 10000,
    cpuModel: 'Test CPU',
    cpuVendor: 'intel',
    cpuGeneration: 5,
    power: { idleW: 100, maxW: 300 },
  })),
  datastores: [{ id: 'ds-1', name: 'shared', clusterId: 'cl-1', capacityGiB: 40, maxIops: 10000 }],
  networks: [{ id: 'net-1', name: 'VM Network', datacenterId: 'dc-1', clusterIds: [] }],
  vms: [
    {
      id: 'vm-w',
      name: 'writer',
      hostId: 'host-1',
      vcpus: 2,
      memMiB: 2048,
      mem: { reservationMiB: 2048 },
      disks: [{ datastoreId: 'ds-1', sizeGiB: 20, thin: true, usedGiB: 5 }],
      networkId: 'net-1',
      workload: {
        pattern: 'constant',
        cpuBasePct: 50,
        cpuPeakPct: 50,
        memActivePct: 30,
        noisePct: 0,
        iopsPeak: 1000,
      },
    },
    {
      id: 'vm-big',
      name: 'big',
      hostId: 'host-2',
      vcpus: 1,
      memMiB: 1024,
      power: 'poweredOff',
      disks: [{ datastoreId: 'ds-1', sizeGiB: 30, thin: false }],
      networkId: 'net-1',
      workload: { pattern: 'constant', cpuBasePct: 1, cpuPeakPct: 1, memActivePct: 1, noisePct: 0 },
    },
  ],
  containers: [],
  services: [],
  traces: [],
};

test('snapshot, delete all that cannot merge, free space, consolidate — through the Snapshots tab', async ({
  page,
  consoleUrl,
  server,
}) => {
  test.setTimeout(180_000);
  await open(page, consoleUrl);
  // Setup only: a workspace whose datastore is too small to merge the delta (no dialog makes one).
  expect((await apiCall(server, 'workspace.new', { scenario: TIGHT, name: 'tight' })).ok).toBe(true);
  await pause(page);
  await select(page, 'writer');
  await action(page, 'takeSnapshot');
  await page.getByTestId('snapshot-name').fill('before');
  await page.getByTestId('snapshot-submit').click();
  await expect(page.getByTestId('dialog-snapshot')).toBeHidden();
  // The delta grows with what the guest writes (about 4.7 MiB/s): run a quarter of an hour.
  await page.getByTestId('clock-speed').selectOption('100');
  await page.getByTestId('clock-play').click();
  await page.getByTestId('tab-snapshots').click();
  const tab = page.getByTestId('snapshots-tab');
  await expect(tab.getByTestId('snapshot-before')).toBeVisible({ timeout: 20_000 });
  const simSeconds = async () =>
    Number((await page.getByTestId('clock-time').getAttribute('data-sim-seconds')) ?? 0);
  await expect.poll(simSeconds, { timeout: 60_000 }).toBeGreaterThan(900);
  // Powered off (also when the full datastore has paused it by now), so nothing more is written.
  await action(page, 'powerOff');
  await page.getByRole('button', { name: 'Power off' }).last().click();
  await expect(page.getByTestId('pane-state')).toHaveText('Powered off', { timeout: 20_000 });

  // Delete all: the merge needs more room than the datastore has; the deltas stay, to consolidate.
  await tab.getByTestId('snapshot-delete-all').click();
  await page.getByRole('button', { name: 'Delete all' }).last().click();
  await expect(tab.getByTestId('consolidation-needed')).toBeVisible({ timeout: 20_000 });
  await expect(tab).toContainText('No snapshots yet.');
  await expectAccessible(page, 'the Snapshots tab asking for consolidation', '[data-testid=snapshots-tab]');
  await page.screenshot({ path: 'test-results/screenshots/snapshots-consolidate-light-en.png' });
  // Consolidate is refused while there is no room, with the reason.
  await tab.getByTestId('snapshot-consolidate').click();
  await expect(page.locator('.n-message').filter({ hasText: 'GiB free' })).toBeVisible({ timeout: 10_000 });

  // Free space: delete the big VM; then Consolidate merges the deltas.
  await select(page, 'big');
  await action(page, 'delete');
  await confirmDialog(page, 'dialog-delete', 'delete-confirm');
  await select(page, 'writer');
  await page.getByTestId('tab-snapshots').click();
  await expect(async () => {
    await tab.getByTestId('snapshot-consolidate').click({ timeout: 2000 });
    await expect(tab.getByTestId('consolidation-needed')).toHaveCount(0, { timeout: 5000 });
  }).toPass({ timeout: 40_000 });
  await page.getByTestId('tab-events').click();
  await expect(page.getByTestId('events-table')).toContainText('Disks of writer consolidated', {
    timeout: 20_000,
  });
});

test('alarm definitions: actions (notify, enter maintenance mode) are edited, run on the next tick, recorded as events', async ({
  page,
  consoleUrl,
}) => {
  test.setTimeout(180_000);
  await open(page, consoleUrl);
  await pause(page);
  await page.getByTestId('ops-open').click();
  const drawer = page.getByTestId('ops-drawer');
  await drawer.locator('.n-tabs-tab', { hasText: 'Alarm definitions' }).click();
  const row = drawer.locator('[data-testid=def-row][data-id="host.cpu"]');
  await expect(row.getByTestId('def-actions')).toHaveText('No actions');
  await row.getByTestId('def-edit').click();
  const editor = page.getByTestId('def-editor');
  await editor.getByTestId('def-warning').fill('1');
  await editor.getByTestId('def-critical').fill('2');
  await editor.getByTestId('def-duration').fill('0');
  await editor.getByTestId('def-add-action').click();
  await editor.getByTestId('def-add-action').click();
  await expect(editor.getByTestId('def-action')).toHaveCount(2);
  // Only actions of the definition's kind are offered: a host alarm cannot reset a VM.
  await editor.getByTestId('def-action-type-1').click();
  await expect(page.locator('.n-base-select-option:visible').filter({ hasText: 'Reset VM' })).toHaveCount(0);
  await page.locator('.n-base-select-option:visible').filter({ hasText: 'Enter maintenance mode' }).click();
  // A repeat on clear is refused before saving.
  await pick(page, 'def-action-on-0', 'alarm clears', editor);
  await editor.getByTestId('def-action-repeat-0').fill('5');
  await editor.getByTestId('def-action-repeat-0').blur();
  await expect(editor.getByTestId('def-problem')).toContainText('actions on clear run once');
  await expect(editor.getByTestId('def-save')).toBeDisabled();
  await pick(page, 'def-action-on-0', 'critical triggers', editor);
  await editor.getByTestId('def-label').click();
  await expect(editor.getByTestId('def-problem')).toHaveCount(0);
  await expectAccessible(page, 'alarm definition editor with actions', '[data-testid=def-editor]');
  await page.screenshot({ path: 'test-results/screenshots/ops-alarmdef-actions-light-en.png' });
  await editor.getByTestId('def-save').click();
  await expect(editor).toBeHidden();
  await expect(row.getByTestId('def-actions')).toContainText(
    'Notify (event and pop-up) · critical triggers (every 5 min)',
  );
  await expect(row.getByTestId('def-actions')).toContainText('Enter maintenance mode · critical triggers');

  // The next tick raises critical alarms: the notification pops up and the hosts are asked into maintenance.
  await page.keyboard.press('Escape');
  await page.getByTestId('clock-step').click();
  await expect(page.locator('.n-notification').filter({ hasText: 'Alarm action: notification' })).toBeVisible(
    {
      timeout: 15_000,
    },
  );
  await page.getByTestId('ops-open').click();
  await drawer.locator('.n-tabs-tab', { hasText: 'Events' }).first().click();
  const acted = drawer.locator('[data-testid=events-row][data-type="alarm.action"]');
  await expect(acted.first()).toContainText(
    /Host CPU usage on esx-0\d \(critical\): enter maintenance mode/,
    {
      timeout: 15_000,
    },
  );
  await expect(drawer.locator('[data-testid=events-row][data-type="alarm.notify"]').first()).toBeVisible();
  await page.keyboard.press('Escape');
  // The maintenance tasks evacuate the hosts as the clock runs.
  await page.getByTestId('clock-speed').selectOption('100');
  await page.getByTestId('clock-play').click();
  await expect
    .poll(
      async () =>
        (
          await page
            .locator('[data-testid=tree-node][data-kind=host]')
            .evaluateAll((r) => r.map((x) => x.getAttribute('data-state')))
        ).join(','),
      { timeout: 20_000 },
    )
    .toMatch(/maintenance/i);

  // Dark theme: the editor with its actions stays accessible.
  await pause(page);
  await page.getByTestId('settings-button').click();
  await page.getByTestId('theme-dark').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('ops-open').click();
  await drawer.locator('.n-tabs-tab', { hasText: 'Alarm definitions' }).click();
  await row.getByTestId('def-edit').click();
  await expect(editor.getByTestId('def-action')).toHaveCount(2);
  await expectAccessible(page, 'alarm definition editor with actions, dark', '[data-testid=def-editor]');
  await page.screenshot({ path: 'test-results/screenshots/ops-alarmdef-actions-dark-en.png' });
});

test('defect 1: Edit settings removes a reservation, and its Workload tab shows the VM’s own workload', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await pause(page);
  await select(page, 'db-01');
  // Summary capacity fields show human units (4,800 MHz = 4.8 GHz).
  await expect(page.getByTestId('field-cpuReservationMHz')).toHaveText('4.8 GHz');
  await action(page, 'editVm');
  const wiz = page.getByTestId('wizard-edit');
  await wiz.locator('.n-tabs-tab', { hasText: /^Workload$/ }).click();
  // db-01's own workload (weekly, 12 % base, 75 % peak), not a preset's.
  await expect(page.getByTestId('wl-cpu-base').locator('input')).toHaveValue('12');
  await expect(page.getByTestId('wl-cpu-peak').locator('input')).toHaveValue('75');
  await wiz.locator('.n-tabs-tab', { hasText: /^Resources/ }).click();
  await page.getByTestId('edit-cpu-res').locator('input').fill('');
  await page.getByTestId('edit-cpu-res').locator('input').blur();
  await page.getByTestId('edit-submit').click();
  await expect(wiz).toBeHidden();
  await expect(page.getByTestId('field-cpuReservationMHz')).toHaveText('0 MHz', { timeout: 10_000 });
  await expect(page.getByTestId('field-workload')).toHaveText(/weekly/i);
});

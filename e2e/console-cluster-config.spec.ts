/**
 * Configuring a cluster through the console, as a trainer does in a VCP-style lab (issue 12, operator
 * parity): Edit cluster settings (DRS, HA, DPM) validates and the cluster's Summary shows the change;
 * VM/Host groups and rules: an anti-affinity rule made in the dialog for two VMs on one host, and DRS
 * separating them with an event naming the rule; host standby and remove from inventory with their
 * confirmations and refusals. Everything through the UI; the API is only read.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { action, apiCall, node, open, select } from './console-helpers';
import { expectAccessible } from './axe';

/** Picks an option of a Naive UI select (opened by clicking it). */
async function choose(page: Page, testid: string, label: string | RegExp): Promise<void> {
  await page.getByTestId(testid).click();
  await page.locator('.n-base-select-option:visible').filter({ hasText: label }).first().click();
}

async function pause(page: Page): Promise<void> {
  if ((await page.getByTestId('clock-play').getAttribute('aria-pressed')) === 'true')
    await page.getByTestId('clock-pause').click();
  await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-pressed', 'false');
}

test('Edit cluster settings: validates, saves DRS/HA/DPM, and the Summary shows the change', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await pause(page);
  await node(page, 'Lab Cluster').click({ button: 'right' });
  await page.getByTestId('menu-clusterSettings').click();
  const dialog = page.getByTestId('dialog-clusterSettings');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('cfg-submit')).toBeEnabled();
  await expectAccessible(page, 'the Edit cluster settings dialog', '[data-testid=dialog-clusterSettings]');
  await page.screenshot({ path: 'test-results/screenshots/cluster-settings-light-en.png' });

  await choose(page, 'cfg-drs-automation', 'Manual');
  await choose(page, 'cfg-ha-admission', 'Slot policy');
  await page.getByTestId('cfg-ha-failures').fill('3');
  await page.getByTestId('cfg-ha-monitoring').click();
  await choose(page, 'cfg-ha-priority', 'High');
  await page.getByTestId('cfg-dpm-enabled').click();
  await choose(page, 'cfg-dpm-automation', 'Manual');
  // Three hosts cannot tolerate three failures: explained, nothing sent.
  await page.getByTestId('cfg-submit').click();
  await expect(dialog).toContainText('Must be below the number of hosts (3)');
  await page.getByTestId('cfg-ha-failures').fill('1');
  await page.getByTestId('cfg-submit').click();
  await expect(dialog).toBeHidden();

  await select(page, 'Lab Cluster');
  await expect(page.getByTestId('sched-drs')).toHaveText('Manual');
  await expect(page.getByTestId('field-haAdmission')).toHaveText('Slot policy');
  await expect(page.getByTestId('field-haHostMonitoring')).toHaveText('No');
  await expect(page.getByTestId('field-haRestartPriority')).toHaveText('High');
  await expect(page.getByTestId('field-dpmEnabled')).toHaveText('Yes');
  await expect(page.getByTestId('field-dpmAutomation')).toHaveText('Manual');

  // Reopened, the dialog starts from the saved settings; a failover-hosts policy needs a host.
  await action(page, 'clusterSettings');
  await expect(page.getByTestId('cfg-submit')).toBeEnabled();
  await expect(page.getByTestId('cfg-drs-automation')).toContainText('Manual');
  await choose(page, 'cfg-ha-admission', 'Dedicated failover hosts');
  await page.getByTestId('cfg-submit').click();
  await expect(dialog).toContainText('Choose at least one failover host');
  await page.getByTestId('cfg-ha-failover').getByText('esx-03').click();
  await page.getByTestId('cfg-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('field-haAdmission')).toHaveText('Dedicated failover hosts');
});

test('VM/Host rules: an anti-affinity rule made in the dialog, and DRS separates the two VMs saying why', async ({
  page,
  consoleUrl,
  server,
}) => {
  await open(page, consoleUrl);
  await pause(page);
  // Read (only) where the VMs run, to pick two that share a host.
  const hostOf = new Map<string, string>();
  for (const name of ['web-01', 'web-02', 'web-03', 'web-04', 'app-01', 'app-02', 'app-03']) {
    const r = (await apiCall(server, 'entity.describe', { id: `vm-${name}` })) as {
      ok: boolean;
      value?: { parentId: string | null };
    };
    if (r.ok && r.value?.parentId) hostOf.set(name, r.value.parentId);
  }
  const names = [...hostOf.keys()];
  const pair = names
    .flatMap((a, i) => names.slice(i + 1).map((b) => [a, b] as const))
    .find(([a, b]) => hostOf.get(a) === hostOf.get(b));
  expect(pair, 'two VMs on one host').toBeDefined();
  const [a, b] = pair!;

  await select(page, 'Lab Cluster');
  await action(page, 'clusterRules');
  const dialog = page.getByTestId('dialog-clusterRules');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('No rules yet');
  await page.getByTestId('rule-add').click();
  await expectAccessible(page, 'the VM/Host rules dialog with its form', '[data-testid=dialog-clusterRules]');
  // Saving an empty form explains what is missing.
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-form')).toContainText('Required');
  await expect(page.getByTestId('rule-form')).toContainText('Choose at least two virtual machines');
  await page.getByTestId('rule-name').fill('keep-apart');
  await choose(page, 'rule-kind', 'Separate virtual machines');
  for (const vm of [a, b]) {
    await page.getByTestId('rule-vms').click();
    await page.getByTestId('rule-vms-input').fill(vm);
    await page.locator('.n-base-select-option:visible').filter({ hasText: vm }).first().click();
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await page.getByTestId('rule-save').click();
  const row = dialog.locator('[data-testid=rule-row][data-name="keep-apart"]');
  await expect(row).toContainText('Separate virtual machines');
  await expect(row).toContainText(a);
  await expect(row).toContainText(b);
  await page.screenshot({ path: 'test-results/screenshots/cluster-rules-light-en.png' });

  // A keep-together rule for the same VMs contradicts it: refused with the reason.
  await page.getByTestId('rule-add').click();
  await page.getByTestId('rule-name').fill('together');
  await choose(page, 'rule-kind', 'Keep virtual machines together');
  for (const vm of [a, b]) {
    await page.getByTestId('rule-vms').click();
    await page.getByTestId('rule-vms-input').fill(vm);
    await page.locator('.n-base-select-option:visible').filter({ hasText: vm }).first().click();
  }
  await page.keyboard.press('Escape');
  await page.getByTestId('rule-save').click();
  await expect(dialog.getByTestId('form-error')).toContainText('conflicts with another');
  await expect(dialog.getByTestId('form-error')).toContainText('"keep-apart" separates');
  await page.getByTestId('rules-close').click();
  await expect(dialog).toBeHidden();

  // Run: DRS moves one of them away, and the VM's events say it was the rule.
  await page.getByTestId('clock-speed').selectOption('1000');
  await page.getByTestId('clock-play').click();
  await expect
    .poll(
      async () => {
        const r = await Promise.all(
          [a, b].map(
            (n) =>
              apiCall(server, 'entity.describe', { id: `vm-${n}` }) as Promise<{
                ok: boolean;
                value?: { parentId: string | null };
              }>,
          ),
        );
        return r[0]!.value?.parentId !== r[1]!.value?.parentId;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  await pause(page);
  // The move's reason names the rule (in the moved VM's events).
  let found = false;
  for (const vm of [a, b]) {
    await select(page, vm);
    await page.getByTestId('tab-events').click();
    const events = page.getByTestId('events-table');
    await expect(events).toBeVisible();
    if ((await events.innerText()).includes('keep-apart')) found = true;
  }
  expect(found, 'an event of the moved VM names rule "keep-apart"').toBe(true);
});

test('host operations: standby refused while VMs run; maintenance, standby and back; remove refused, then done', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await pause(page);
  await select(page, 'esx-03');
  await action(page, 'enterStandby');
  await expect(page.locator('.n-dialog[aria-label="Enter standby mode"]')).toContainText(
    'put it in maintenance mode first',
  );
  await expectAccessible(page, 'the enter-standby confirmation', '.n-dialog');
  await page.getByRole('button', { name: 'Enter standby mode' }).last().click();
  await expect(
    page.getByText(/still runs \d+ VM\(s\); evacuate it \(maintenance mode\) first/),
  ).toBeVisible();

  // Paused, maintenance mode begins at once but the VMs are still registered: remove is refused.
  await action(page, 'enterMaintenance');
  await expect(page.getByTestId('pane-state')).toHaveText('Maintenance mode');
  await action(page, 'removeHost');
  await page.getByRole('button', { name: 'Remove from inventory' }).last().click();
  await expect(page.getByText(/still has \d+ VM\(s\) registered/)).toBeVisible();

  // Running, the evacuation empties it; then standby is accepted, and exit brings it back.
  await page.getByTestId('clock-speed').selectOption('1000');
  await page.getByTestId('clock-play').click();
  await expect
    .poll(
      async () => {
        if ((await page.getByTestId('pane-state').innerText()) !== 'Standby') {
          await action(page, 'enterStandby');
          await page.getByRole('button', { name: 'Enter standby mode' }).last().click();
        }
        return page.getByTestId('pane-state').innerText();
      },
      { timeout: 60_000, intervals: [2000] },
    )
    .toBe('Standby');
  await action(page, 'exitStandby');
  await expect(page.getByTestId('pane-state')).toHaveText('Connected', { timeout: 60_000 });

  // Empty and in maintenance mode, the host leaves the inventory.
  await action(page, 'enterMaintenance');
  await expect
    .poll(
      async () => {
        if ((await node(page, 'esx-03').count()) > 0) {
          await select(page, 'esx-03');
          await action(page, 'removeHost');
          await page.getByRole('button', { name: 'Remove from inventory' }).last().click();
        }
        return node(page, 'esx-03').count();
      },
      { timeout: 60_000, intervals: [2000] },
    )
    .toBe(0);
});

test('the cluster dialogs in the dark theme and in Chinese: translated, accessible', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await pause(page);
  await page.getByTestId('settings-button').click();
  await page.getByTestId('theme-dark').click();
  await page.getByTestId('lang-zh').click();
  await page.keyboard.press('Escape');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await select(page, 'Lab Cluster');
  await action(page, 'clusterSettings');
  const settingsDialog = page.getByTestId('dialog-clusterSettings');
  await expect(settingsDialog).toContainText('编辑集群设置');
  await expect(settingsDialog).toContainText('准入控制');
  await expect(page.getByTestId('cfg-submit')).toBeEnabled();
  await expectAccessible(page, 'Edit cluster settings, dark, zh-CN', '[data-testid=dialog-clusterSettings]');
  await page.screenshot({ path: 'test-results/screenshots/cluster-settings-dark-zh.png' });
  await page.getByTestId('dialog-clusterSettings').getByRole('button', { name: '取消' }).click();
  await expect(settingsDialog).toBeHidden();

  await action(page, 'clusterRules');
  const rules = page.getByTestId('dialog-clusterRules');
  await expect(rules).toContainText('虚拟机/主机规则');
  await page.getByTestId('rule-add').click();
  await choose(page, 'rule-kind', '虚拟机到主机：在组中的主机上运行');
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('rule-form')).toContainText('请选择虚拟机组');
  await expectAccessible(page, 'VM/Host rules, dark, zh-CN', '[data-testid=dialog-clusterRules]');
  await page.screenshot({ path: 'test-results/screenshots/cluster-rules-dark-zh.png' });
});

test('host reboot is refused while VMs run; disconnect keeps VMs running and Connect brings the host back', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await pause(page);
  await select(page, 'esx-01');
  await action(page, 'rebootHost');
  await expect(page.locator('.n-dialog[aria-label="Reboot"]')).toContainText('about 5 minutes');
  await page.getByRole('button', { name: 'Reboot' }).last().click();
  await expect(
    page.getByText(/still runs \d+ VM\(s\) .*; enter maintenance mode first so they move, then reboot/),
  ).toBeVisible();

  await action(page, 'disconnectHost');
  await expect(page.locator('.n-dialog[aria-label="Disconnect"]')).toContainText('its VMs keep running');
  await expectAccessible(page, 'the disconnect confirmation', '.n-dialog');
  await page.getByRole('button', { name: 'Disconnect' }).last().click();
  await expect(page.getByTestId('pane-state')).toHaveText('Disconnected');
  await select(page, 'web-01');
  await expect(page.getByTestId('pane-state')).toHaveText('Powered on');
  await select(page, 'esx-01');
  await action(page, 'reconnectHost');
  await page.getByTestId('clock-speed').selectOption('1000');
  await page.getByTestId('clock-play').click();
  await expect(page.getByTestId('pane-state')).toHaveText('Connected', { timeout: 30_000 });
});

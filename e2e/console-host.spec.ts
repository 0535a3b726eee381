/**
 * Hosts as a user operates them: a failed host's VMs restart elsewhere and the events say so,
 * repair, maintenance mode evacuates a host, and a new host can be added to the cluster.
 */
import { test, expect } from './fixtures';
import { action, apiCall, node, open, select } from './console-helpers';

test('a failed host: its VMs restart on other hosts, the events say so, and repair brings it back', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  await select(page, 'esx-01');
  await action(page, 'failHost');
  await page.getByRole('button', { name: 'Simulate host failure' }).last().click();
  await expect(page.getByTestId('pane-state')).toHaveText('Failed', { timeout: 20_000 });

  // web-01 lived on esx-01; HA restarts it elsewhere.
  await select(page, 'web-01');
  await expect(node(page, 'web-01')).not.toHaveAttribute('data-parent', 'esx-01', { timeout: 30_000 });
  await expect(page.getByTestId('pane-state')).toHaveText('Powered on', { timeout: 30_000 });
  await page.getByTestId('tab-events').click();
  await expect(page.getByTestId('events-table')).toContainText(/HA restarted web-01 on esx-0[23]/, {
    timeout: 20_000,
  });
  await page.screenshot({ path: 'test-results/screenshots/ha-events-light-en.png' });

  await select(page, 'esx-01');
  await action(page, 'repairHost');
  await expect(page.getByTestId('pane-state')).toHaveText('Connected', { timeout: 30_000 });
});

test('maintenance mode evacuates a host; exit brings it back; a new host joins the cluster', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  await select(page, 'esx-02');
  await page.getByTestId('tab-rel-vms').click();
  await expect(page.getByTestId('entity-row').first()).toBeVisible();
  await action(page, 'enterMaintenance');
  await expect(page.getByTestId('pane-state')).toHaveText('Maintenance mode', { timeout: 40_000 });
  await expect(page.getByTestId('entity-row')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('recent-tasks')).toContainText('Migrate');
  await action(page, 'exitMaintenance');
  await expect(page.getByTestId('pane-state')).toHaveText('Connected', { timeout: 30_000 });

  // Add a host: a bad CPU speed is explained first and nothing is added.
  await node(page, 'Lab Cluster').click({ button: 'right' });
  await page.getByTestId('menu-addHost').click();
  await page.getByTestId('host-name').fill('esx-09');
  await page.getByTestId('host-mhz').fill('100');
  await page.getByTestId('host-submit').click();
  await expect(page.getByTestId('wizard-addHost')).toContainText('Must be between 500 and 6000');
  await page.getByTestId('host-mhz').fill('2600');
  await page.getByTestId('host-submit').click();
  await expect(page.getByTestId('wizard-addHost')).toBeHidden();
  await expect(async () => select(page, 'esx-09')).toPass({ timeout: 20_000 });
  await expect(node(page, 'esx-09')).toHaveAttribute('data-parent', 'Lab Cluster');
  await expect(page.getByTestId('pane-state')).toHaveText('Connected', { timeout: 20_000 });
});

test('a cluster summary shows DRS, HA admission control and DPM with the placement policy by name', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await select(page, 'Lab Cluster');
  const card = page.getByTestId('scheduling-card');
  await expect(card).toBeVisible();
  // The small lab's HA keeps 33 % of the resources for failover (scenario settings).
  await expect(card.getByTestId('sched-ha')).toHaveText('Percentage of resources');
  const labels = [
    'Nova (filters and weighers)',
    'Nova stacking (fill hosts first)',
    'First fit',
    'Best fit (tightest host)',
    'Worst fit (emptiest host)',
    'Round robin',
  ];
  await expect(card.getByTestId('sched-policy')).toHaveText(
    new RegExp(`^(${labels.map((l) => l.replace(/[()]/g, '\\$&')).join('|')})$`),
  );
  await expect(card.getByTestId('sched-drs')).not.toBeEmpty();
  await expect(card.getByTestId('sched-dpm')).not.toBeEmpty();
});

test('manual DRS: the cluster lists recommendations and Apply starts the migration', async ({
  page,
  consoleUrl,
  server,
}) => {
  await open(page, consoleUrl);
  const configured = await apiCall(server, 'command.execute', {
    command: {
      type: 'cluster.configure',
      clusterId: 'cl-lab',
      settings: { drs: { enabled: true, automation: 'manual', threshold: 5 } },
    },
  });
  expect(configured.ok).toBe(true);
  await select(page, 'Lab Cluster');
  const card = page.getByTestId('scheduling-card');
  await expect(card.getByTestId('sched-drs')).toHaveText('Manual');
  // Business hours load the hosts unevenly; at threshold 5 DRS soon wants to move something.
  await page.getByTestId('clock-speed').selectOption('1000');
  if ((await page.getByTestId('clock-play').getAttribute('aria-pressed')) !== 'true')
    await page.getByTestId('clock-play').click();
  const apply = card.getByTestId('drs-apply').first();
  await expect(apply).toBeVisible({ timeout: 45_000 });
  await page.getByTestId('clock-pause').click();
  await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-pressed', 'false');
  const row = card.getByTestId('drs-recommendations').locator('tbody tr').first();
  const vmName = (await row.locator('td').nth(1).locator('b').innerText()).trim();
  if (process.env.VDC_SHOT_DRS) await card.screenshot({ path: 'test-results/screenshots/drs-card.png' });
  await row.getByTestId('drs-apply').click();
  await expect(page.locator('.n-message')).toContainText('Recommendation applied');
  await page.getByTestId('clock-step').click();
  await expect(
    page.getByTestId('recent-tasks').locator('[data-testid=task-row]').filter({ hasText: vmName }).first(),
  ).toBeVisible({ timeout: 20_000 });
});

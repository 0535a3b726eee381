/**
 * Manual DRS and initial placement as a user meets it: in a cluster whose DRS is manual the engine does
 * not place a new VM by itself (the API answers PLACEMENT_CHOICE_REQUIRED with ranked recommendations),
 * and the New VM wizard shows those recommendations, best preselected, and creates the VM on the host
 * the user picks. Entering maintenance mode there moves nothing until the user applies DRS's
 * evacuation recommendations.
 */
import { test, expect } from './fixtures';
import { action, apiCall, node, open, select } from './console-helpers';

test('manual DRS: the New VM wizard offers the recommended hosts and creates the VM on the chosen one', async ({
  page,
  consoleUrl,
  server,
}) => {
  await open(page, consoleUrl);
  const configured = await apiCall(server, 'command.execute', {
    command: {
      type: 'cluster.configure',
      clusterId: 'cl-lab',
      settings: { drs: { enabled: true, automation: 'manual', threshold: 3 } },
    },
  });
  expect(configured.ok).toBe(true);

  // Without a host the engine refuses and says why, listing its recommendations; nothing is created.
  const spec = {
    name: 'api-88',
    vcpus: 1,
    memMiB: 1024,
    disks: [{ sizeGiB: 10, thin: true }],
    workload: { pattern: 'constant', cpuBasePct: 10, cpuPeakPct: 10, memActivePct: 20 },
  };
  const refused = (await apiCall(server, 'command.execute', {
    command: { type: 'vm.create', clusterId: 'cl-lab', spec },
  })) as {
    ok: boolean;
    error?: { code: string; message: string; details?: { recommendations?: unknown[] } };
  };
  expect(refused.ok).toBe(false);
  expect(refused.error?.code).toBe('PLACEMENT_CHOICE_REQUIRED');
  expect(refused.error?.message).toContain('manual DRS mode');
  expect(refused.error?.details?.recommendations?.length).toBeGreaterThan(1);

  await node(page, 'Lab Cluster').click({ button: 'right' });
  await page.getByTestId('menu-newVm').click();
  const wizard = page.getByTestId('wizard-newVm');
  await expect(wizard).toBeVisible();
  await page.getByTestId('vm-name').fill('web-88');
  await expect(page.getByTestId('placement-auto')).toContainText('Choose from the DRS recommendations');
  const recs = wizard.getByTestId('host-recommendations');
  await expect(recs).toContainText('manual mode');
  const options = recs.locator('[data-testid^=rec-host-]');
  await expect(options.first()).toBeVisible();
  expect(await options.count()).toBeGreaterThan(1);
  // The best recommendation is preselected; the user takes the second one instead.
  await expect(options.first()).toHaveClass(/n-radio--checked/);
  const second = options.nth(1);
  const secondLabel = (await second.innerText()).trim();
  const hostName = /^2\.\s+(\S+)/.exec(secondLabel)?.[1] ?? '';
  expect(hostName).toMatch(/^esx-/);
  await second.click();
  await expect(second).toHaveClass(/n-radio--checked/);

  await page.getByTestId('wizard-next').click();
  await page.getByTestId('vm-mem').fill('2');
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-next').click();
  // Review: the recommendations are refreshed for the final size and the pick is kept.
  await expect(wizard).toContainText(hostName);
  await expect(wizard.getByTestId('host-recommendations').locator('.n-radio--checked')).toContainText(
    hostName,
  );
  await page.getByTestId('wizard-finish').click();
  await expect(wizard).toBeHidden();
  // The task and the VM's summary name the chosen host.
  await expect(page.getByTestId('recent-tasks')).toContainText(`Create web-88 on ${hostName}`, {
    timeout: 20_000,
  });
  await expect(async () => select(page, 'web-88')).toPass({ timeout: 20_000 });
  await expect(page.getByRole('row', { name: `Host : ${hostName}` })).toBeVisible();
});

test('manual DRS: maintenance mode waits for the user to apply the evacuation recommendations', async ({
  page,
  consoleUrl,
  server,
}) => {
  await open(page, consoleUrl);
  const configured = await apiCall(server, 'command.execute', {
    command: {
      type: 'cluster.configure',
      clusterId: 'cl-lab',
      settings: { drs: { enabled: true, automation: 'manual', threshold: 1 } },
    },
  });
  expect(configured.ok).toBe(true);
  if ((await page.getByTestId('clock-play').getAttribute('aria-pressed')) === 'true')
    await page.getByTestId('clock-pause').click();
  await select(page, 'esx-02');
  await page.getByTestId('tab-rel-vms').click();
  const rows = page.getByTestId('entity-row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  await action(page, 'enterMaintenance');
  for (let i = 0; i < 3; i++) await page.getByTestId('clock-step').click();
  // Nothing moved by itself: no migration task was started (an automatic evacuation starts them at once).
  await expect(rows).toHaveCount(before);
  await expect(page.getByTestId('recent-tasks')).toContainText('maintenance');
  await expect(page.getByTestId('recent-tasks')).not.toContainText('Migrate');

  await select(page, 'Lab Cluster');
  const card = page.getByTestId('scheduling-card');
  await expect(card.getByTestId('drs-recommendations')).toContainText('esx-02 is entering maintenance mode', {
    timeout: 20_000,
  });
  await card.getByTestId('drs-apply-all').click();
  await expect(page.locator('.n-message')).toContainText('applied');
  await page.getByTestId('clock-speed').selectOption('1000');
  await page.getByTestId('clock-play').click();
  await select(page, 'esx-02');
  await page.getByTestId('tab-rel-vms').click();
  await expect(page.getByTestId('entity-row')).toHaveCount(0, { timeout: 40_000 });
  await expect(page.getByTestId('pane-state')).toHaveText('Maintenance mode', { timeout: 20_000 });
  await expect(page.getByTestId('recent-tasks')).toContainText('Migrate');
});

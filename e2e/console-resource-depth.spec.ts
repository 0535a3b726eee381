/**
 * Issue 20 in the console, through the UI only: a VM's layers card and Resource settings (runtime, disk
 * IOPS shares and limit; a bad heap is refused naming the field), a host's CPU topology (refused while it
 * runs VMs, set in maintenance mode, shown on its Summary), a datastore's Storage I/O Control. Each new
 * card and the dialog are checked with axe-core.
 */
import { test, expect } from './fixtures';
import { expectAccessible } from './axe';
import { action, open, select } from './console-helpers';

test('resource settings: VM runtime and disk I/O, host topology, datastore SIOC', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');

  // A VM on a flat host: its layers card says so and lists where its demand went.
  await select(page, 'web-01');
  const layers = page.getByTestId('layers-card');
  await expect(layers).toBeVisible();
  await expect(page.getByTestId('layers-meta')).toContainText('Flat host');
  await expect(page.getByTestId('layer-granted')).toBeVisible();
  await expectAccessible(page, 'the layers card', '[data-testid=layers-card]');

  await action(page, 'resourceSettings');
  const dlg = page.getByTestId('dialog-resource-settings');
  await expect(dlg).toBeVisible();
  await expect(page.getByTestId('rs-disk-0')).toBeVisible();
  await expectAccessible(page, 'the Resource settings dialog (VM)', '[data-testid=dialog-resource-settings]');
  await page.getByTestId('rs-runtime').click();
  await page.locator('.n-base-select-option').filter({ hasText: 'Java (JVM)' }).click();
  await page.getByTestId('rs-heap').fill('8');
  await page.getByTestId('rs-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('runtime.heapMiB');
  await page.getByTestId('rs-heap').fill('2048');
  await page.getByTestId('rs-limit-0').fill('500');
  await page.getByTestId('rs-submit').click();
  await expect(dlg).toBeHidden();
  await expect(page.getByTestId('field-disk0.iopsLimit')).toHaveText('500');
  await page.screenshot({ path: 'test-results/screenshots/layers-card-light-en.png' });

  // A host: flat until given a topology; the change is refused while VMs run there.
  await select(page, 'esx-03');
  await expect(page.getByTestId('topo-flat')).toBeVisible();
  await expectAccessible(page, 'the CPU topology card', '[data-testid=topology-card]');
  await action(page, 'resourceSettings');
  await expect(dlg).toBeVisible();
  await expectAccessible(
    page,
    'the Resource settings dialog (host)',
    '[data-testid=dialog-resource-settings]',
  );
  await page.getByTestId('rs-detailed').click();
  await page.getByTestId('rs-submit').click();
  await expect(page.getByTestId('form-error')).toContainText('maintenance mode');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(dlg).toBeHidden();
  await action(page, 'enterMaintenance');
  await expect(page.getByTestId('pane-state')).toHaveText('Maintenance mode', { timeout: 60_000 });
  // Its VMs leave by live migration; once none runs there the topology can change.
  await expect(async () => {
    if (await dlg.isVisible()) await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(dlg).toBeHidden();
    await action(page, 'resourceSettings');
    await expect(page.getByTestId('rs-detailed')).toBeVisible();
    await page.getByTestId('rs-detailed').click();
    await page.getByTestId('rs-submit').click();
    await expect(dlg).toBeHidden({ timeout: 3000 });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByTestId('topo-logical')).toHaveText('32');
  await expect(page.getByTestId('topo-threads')).toHaveText('2');
  await page.screenshot({ path: 'test-results/screenshots/topology-card-light-en.png' });

  // A datastore: Storage I/O Control on with a 25 ms threshold.
  await select(page, 'shared-01');
  await action(page, 'resourceSettings');
  await expect(dlg).toBeVisible();
  await expectAccessible(
    page,
    'the Resource settings dialog (datastore)',
    '[data-testid=dialog-resource-settings]',
  );
  await page.getByTestId('rs-sioc').click();
  await page.getByTestId('rs-sioc-threshold').fill('25');
  await page.getByTestId('rs-submit').click();
  await expect(dlg).toBeHidden();
  await expect(page.getByTestId('field-siocEnabled')).toHaveText('Yes');
  await expect(page.getByTestId('field-siocThresholdMs')).toHaveText('25');
});

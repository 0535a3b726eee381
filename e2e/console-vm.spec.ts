/**
 * VM lifecycle as a user performs it: the New VM wizard (bad values are shown and create nothing,
 * the backend's refusal is shown), power operations, edit settings under hot-add rules, clone and
 * delete with confirmation.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { action, node, open, select } from './console-helpers';

/** Names the search box offers for a query (what a user would see in the dropdown). */
async function searchHits(page: Page, query: string): Promise<string[]> {
  const input = page.getByTestId('search-input');
  await input.fill('');
  await input.fill(query);
  // The dropdown answers as the user types: wait until no option of an earlier query is left.
  await expect(page.locator('.n-base-select-option').filter({ hasNotText: query })).toHaveCount(0);
  const hits = await page.locator('.n-base-select-option').allTextContents();
  await input.fill('');
  await page.keyboard.press('Escape');
  return hits.map((h) => h.split(' · ')[0]?.trim() ?? '');
}

test('New VM wizard: bad values are explained and create nothing; a valid VM appears in the inventory', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await node(page, 'Lab Cluster').click({ button: 'right' });
  await page.getByTestId('menu-newVm').click();
  const wizard = page.getByTestId('wizard-newVm');
  await expect(wizard).toBeVisible();

  // Step 1: a name with a space is refused before anything is sent.
  await page.getByTestId('vm-name').fill('bad name');
  await page.getByTestId('wizard-next').click();
  await expect(wizard).toContainText('Use letters, digits');
  await page.getByTestId('vm-name').fill('web-77');
  await page.getByTestId('wizard-next').click();

  // Step 2: zero vCPUs is out of range.
  await page.getByTestId('vm-vcpus').fill('0');
  await page.getByTestId('wizard-next').click();
  await expect(wizard).toContainText('Must be between 1 and 128');
  await page.getByTestId('vm-vcpus').fill('2');
  // Memory larger than any host: the form accepts it, the datacenter refuses it.
  await page.getByTestId('vm-mem').fill('5000');
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('placement-explain')).toBeVisible();
  await page.getByTestId('wizard-finish').click();
  await expect(page.getByTestId('form-error')).toContainText('no host in the cluster admits the VM');
  await expect(wizard).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(wizard).toBeHidden();
  expect(await searchHits(page, 'web-77')).toEqual([]);

  // Again with sensible memory (placed on a host chosen by the policy): the VM appears.
  await node(page, 'Lab Cluster').click({ button: 'right' });
  await page.getByTestId('menu-newVm').click();
  await page.getByTestId('vm-name').fill('web-77');
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('vm-mem').fill('4');
  await page.getByTestId('wizard-next').click();
  await page.getByTestId('wizard-next').click();
  await expect(page.getByTestId('placement-explain')).toContainText('policy chose');
  await page.screenshot({ path: 'test-results/screenshots/wizard-new-vm-light-en.png' });
  await page.getByTestId('wizard-finish').click();
  await expect(wizard).toBeHidden();
  await expect.poll(() => searchHits(page, 'web-77')).toEqual(['web-77']);
  await select(page, 'web-77');
  await expect(node(page, 'web-77')).toHaveAttribute('data-parent', /^esx-0\d$/);
  await expect(node(page, 'web-77')).toBeInViewport();
  await expect(page.getByTestId('recent-tasks')).toContainText('web-77');
});

test('power off, resize under hot-add rules, power on, clone and delete a VM', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  await select(page, 'web-01');
  await expect(page.getByTestId('pane-state')).toHaveText('Powered on');

  // Powered on with CPU hot add off: adding a vCPU is refused in the form.
  await action(page, 'editVm');
  await expect(page.getByTestId('edit-vcpus')).toHaveValue('2');
  await page.getByTestId('edit-vcpus').fill('4');
  await expect(page.getByTestId('wizard-edit')).toContainText('CPU hot add is off');
  await page.getByTestId('edit-submit').click();
  await expect(page.getByTestId('wizard-edit')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Power off (confirmed), then resize.
  await action(page, 'powerOff');
  await page.getByRole('button', { name: 'Power off' }).last().click();
  await expect(page.getByTestId('pane-state')).toHaveText('Powered off', { timeout: 20_000 });
  await action(page, 'editVm');
  await page.getByTestId('edit-vcpus').fill('4');
  await page.getByTestId('edit-submit').click();
  await expect(page.getByTestId('wizard-edit')).toBeHidden();
  await expect(page.getByTestId('field-vcpus')).toHaveText('4', { timeout: 20_000 });

  await action(page, 'powerOn');
  await expect(page.getByTestId('pane-state')).toHaveText('Powered on', { timeout: 20_000 });

  // Clone.
  await action(page, 'clone');
  await expect(page.getByTestId('clone-name')).toHaveValue('web-01-clone');
  await page.getByTestId('clone-submit').click();
  await expect.poll(() => searchHits(page, 'web-01-clone'), { timeout: 20_000 }).toEqual(['web-01-clone']);

  // Delete the clone after confirming.
  await select(page, 'web-01-clone');
  await action(page, 'delete');
  await expect(page.getByTestId('dialog-delete')).toContainText('web-01-clone');
  await page.getByTestId('delete-confirm').click();
  await expect.poll(() => searchHits(page, 'web-01-clone'), { timeout: 20_000 }).toEqual([]);
});

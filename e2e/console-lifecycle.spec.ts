/**
 * VM lifecycle as a trainer runs it in a VCP-style lab, through the UI only: snapshot a VM, watch its
 * delta in the datastore browser, revert and delete all; convert a VM to a template and deploy a
 * customised VM from it; tag VMs and hosts and find them with `tag:` in the search box. Each new dialog
 * and tab is checked with axe-core, scoped to it (the console around it is the accessibility lane's).
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { expectAccessible } from './axe';
import { action, node, open, select } from './console-helpers';

async function searchHits(page: Page, query: string): Promise<string[]> {
  const input = page.getByTestId('search-input');
  await input.fill('');
  await input.fill(query);
  await expect(page.locator('.n-base-select-option').filter({ hasNotText: /·/ })).toHaveCount(0);
  const hits = await page.locator('.n-base-select-option').allTextContents();
  await input.fill('');
  await page.keyboard.press('Escape');
  return hits.map((h) => h.split(' · ')[0]?.trim() ?? '').sort();
}

test('snapshot a VM, see its delta on the datastore, revert to it and delete all', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  await select(page, 'web-01');
  await expect(page.getByTestId('pane-state')).toHaveText('Powered on');

  await action(page, 'takeSnapshot');
  const dlg = page.getByTestId('dialog-snapshot');
  await expect(dlg).toBeVisible();
  await expect(page.getByTestId('snapshot-memory')).toHaveAttribute('aria-checked', 'true');
  await expectAccessible(page, 'the Take snapshot dialog', '[data-testid=dialog-snapshot]');
  await page.getByTestId('snapshot-name').fill('');
  await page.getByTestId('snapshot-submit').click();
  await expect(dlg).toContainText('Required');
  await page.getByTestId('snapshot-name').fill('before-patch');
  await page.getByTestId('snapshot-description').fill('clean install');
  await page.getByTestId('snapshot-memory').click(); // without memory: a revert powers the VM off
  await page.getByTestId('snapshot-submit').click();
  await expect(dlg).toBeHidden();

  await page.getByTestId('tab-snapshots').click();
  const tab = page.getByTestId('snapshots-tab');
  await expect(tab.getByTestId('snapshot-before-patch')).toBeVisible({ timeout: 20_000 });
  await expect(tab.getByTestId('snapshot-here')).toHaveText(/You are here/);
  await expectAccessible(page, 'the Snapshots tab', '[data-testid=snapshots-tab]');

  // The running delta grows with what the guest writes, on the VM's datastore.
  await select(page, 'shared-01');
  await page.getByTestId('tab-files').click();
  const delta = page.getByTestId('file-web-01/web-01-000001.vmdk');
  await expect(delta).toBeVisible();
  await expect(delta).toContainText('Snapshot delta disk');
  await expect
    .poll(async () => Number.parseFloat((await delta.locator('td').nth(2).textContent()) ?? '0'), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  await expect(page.getByTestId('file-web-01/web-01.vmdk')).toContainText('Virtual disk');
  await expectAccessible(page, 'the datastore browser', '[data-testid=datastore-files]');
  await page.screenshot({ path: 'test-results/screenshots/datastore-files-light-en.png' });
  await page.getByTestId('tab-rel-vms').click();
  await expect(page.getByText('web-01', { exact: true }).first()).toBeVisible();

  // Revert (confirmed): the VM goes back to the snapshot, powered off.
  await select(page, 'web-01');
  await page.getByTestId('tab-snapshots').click();
  await tab.getByTestId('snapshot-before-patch').click();
  await page.getByTestId('snapshot-revert').click();
  await page.getByRole('button', { name: 'Revert' }).last().click();
  await expect(page.getByTestId('pane-state')).toHaveText('Powered off', { timeout: 20_000 });
  await page.screenshot({ path: 'test-results/screenshots/snapshots-tab-light-en.png' });

  // Delete all: the chain is merged into the base disk.
  await page.getByTestId('snapshot-delete-all').click();
  await page.getByRole('button', { name: 'Delete all' }).last().click();
  await expect(tab).toContainText('No snapshots yet.', { timeout: 20_000 });
});

test('convert a VM to a template, deploy a customised VM from it, convert it back', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  await select(page, 'legacy-01');
  await expect(page.getByTestId('pane-state')).toHaveText('Powered off');
  await action(page, 'toTemplate');
  await expect(page.getByTestId('pane-state')).toHaveText('Template');
  // A template is never powered on: the menu does not offer it.
  await page.getByTestId('actions-menu').click();
  await expect(page.getByTestId('action-deploy')).toBeVisible();
  await expect(page.getByTestId('action-powerOn')).toHaveCount(0);
  await page.keyboard.press('Escape');

  // VMs & Templates: it sits in the Templates folder.
  await page.getByTestId('view-vms').click();
  await expect(node(page, 'legacy-01')).toHaveAttribute('data-parent', 'Templates');

  await action(page, 'deploy');
  const wiz = page.getByTestId('wizard-clone');
  await expect(wiz).toContainText('New VM from template legacy-01');
  await expect(page.getByTestId('clone-vcpus')).toHaveValue('2');
  await expectAccessible(page, 'the Deploy from template dialog', '[data-testid=wizard-clone]');
  await page.getByTestId('clone-name').fill('legacy-02');
  await page.getByTestId('clone-vcpus').fill('4');
  await page.getByTestId('clone-mem').fill('6');
  await page.getByTestId('clone-submit').click();
  await expect(wiz).toBeHidden();
  await expect.poll(() => searchHits(page, 'legacy-02'), { timeout: 20_000 }).toEqual(['legacy-02']);
  await select(page, 'legacy-02');
  await expect(page.getByTestId('pane-state')).toHaveText('Powered on', { timeout: 20_000 });
  await expect(page.getByTestId('field-vcpus')).toHaveText('4');
  await expect(node(page, 'legacy-02')).toHaveAttribute('data-parent', 'Virtual machines');

  await select(page, 'legacy-01');
  await action(page, 'toVm');
  await expect(page.getByTestId('pane-state')).toHaveText('Powered off');
});

test('tag VMs and a host, give custom attributes, and find them with tag: in the search box', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  expect(await searchHits(page, 'tag:tier:web')).toEqual(['web-01', 'web-02', 'web-03', 'web-04']);

  await select(page, 'app-01');
  await action(page, 'annotate');
  const dlg = page.getByTestId('dialog-annotate');
  await expect(dlg).toBeVisible();
  await expect(dlg).toContainText('tier:app');
  await page.getByTestId('annotate-add-tag').click();
  await page.getByTestId('annotate-tag-input').fill('pci');
  await page.getByTestId('annotate-tag-input').press('Enter');
  await page.getByTestId('annotate-add-attribute').click();
  await page.getByTestId('annotate-key-0').fill('owner');
  await page.getByTestId('annotate-value-0').fill('ana');
  await page.getByTestId('annotate-add-attribute').click();
  await page.getByTestId('annotate-key-1').fill('owner');
  await page.getByTestId('annotate-submit').click();
  await expect(page.getByTestId('form-problem')).toContainText('Attribute "owner" is given twice');
  await expectAccessible(page, 'the Tags & custom attributes dialog', '[data-testid=dialog-annotate]');
  await page.getByRole('button', { name: 'Remove attribute owner' }).last().click();
  await page.getByTestId('annotate-submit').click();
  await expect(dlg).toBeHidden();
  await expect.poll(() => searchHits(page, 'tag:pci')).toEqual(['app-01']);

  await select(page, 'esx-01');
  await action(page, 'annotate');
  await page.getByTestId('annotate-add-tag').click();
  await page.getByTestId('annotate-tag-input').fill('rack-a');
  await page.getByTestId('annotate-tag-input').press('Enter');
  await page.getByTestId('annotate-submit').click();
  await expect(dlg).toBeHidden();
  await expect.poll(() => searchHits(page, 'tag:rack')).toEqual(['esx-01']);

  // The attribute is kept: the dialog shows it again.
  await select(page, 'app-01');
  await action(page, 'annotate');
  await expect(page.getByTestId('annotate-key-0')).toHaveValue('owner');
  await expect(page.getByTestId('annotate-value-0')).toHaveValue('ana');
});

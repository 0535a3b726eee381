/**
 * The console from the keyboard alone (issue 12): the skip links are the first Tab stops; the inventory
 * is a WAI-ARIA tree (role tree, treeitems with level / expanded / selected, aria-activedescendant;
 * arrows, Home/End, Enter); the object pane's tabs are a tablist operated with the arrows; a wizard
 * opened from the tree's keyboard menu is filled in and finished by keyboard, and the focus comes back
 * to the tree when it closes.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { open } from './console-helpers';

/** What has the focus: its test id, id, role and text (the page's document.activeElement). */
async function focused(page: Page): Promise<{ testid: string; id: string; role: string; text: string }> {
  return page.evaluate(() => {
    const el = (
      globalThis as unknown as {
        document: {
          activeElement: {
            id: string;
            textContent: string | null;
            getAttribute: (n: string) => string | null;
            closest: (s: string) => { getAttribute: (n: string) => string | null } | null;
          } | null;
        };
      }
    ).document.activeElement;
    return {
      testid: el?.closest('[data-testid]')?.getAttribute('data-testid') ?? '',
      id: el?.id ?? '',
      role: el?.getAttribute('role') ?? '',
      text: (el?.textContent ?? '').trim(),
    };
  });
}

/** Presses Tab until the element with `testid` (or inside it) has the focus; at most `max` presses. */
async function tabTo(page: Page, testid: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)).testid === testid) return;
    await page.keyboard.press('Tab');
  }
  expect((await focused(page)).testid, `Tab reaches ${testid} within ${max} presses`).toBe(testid);
}

const tree = (page: Page) => page.locator('#inventory-tree');
/** The row the tree's aria-activedescendant names. */
async function activeRow(page: Page): Promise<{ name: string; level: string; expanded: string | null }> {
  // The list renders a row that comes into view a frame later; the tree names it once it is rendered.
  await expect
    .poll(() => tree(page).getAttribute('aria-activedescendant'), {
      message: 'the tree names its focused row',
    })
    .toBeTruthy();
  const id = await tree(page).getAttribute('aria-activedescendant');
  const row = page.locator(`[id="${id}"]`);
  await expect(row).toHaveAttribute('role', 'treeitem');
  return {
    name: (await row.getAttribute('data-name')) ?? '',
    level: (await row.getAttribute('aria-level')) ?? '',
    expanded: await row.getAttribute('aria-expanded'),
  };
}

test('skip links first, the inventory as a WAI-ARIA tree, tabs with arrows', async ({ page, consoleUrl }) => {
  await open(page, consoleUrl);
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ testid: 'skip-content', text: 'Skip to content' });
  await expect(page.getByTestId('skip-content')).toBeInViewport();
  await page.keyboard.press('Tab');
  expect(await focused(page)).toMatchObject({ testid: 'skip-tree', text: 'Skip to inventory' });
  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatchObject({ id: 'inventory-tree', role: 'tree' });
  await expect(tree(page)).toHaveAttribute('aria-label', 'Inventory');

  // Home: the datacenter at level 1; down to the cluster (level 2); Left closes it, Right opens it,
  // Right again goes to its first host (level 3); Enter selects it.
  await page.keyboard.press('Home');
  expect(await activeRow(page)).toMatchObject({ name: 'Lab', level: '1', expanded: 'true' });
  await page.keyboard.press('ArrowDown');
  expect(await activeRow(page)).toMatchObject({ name: 'Lab Cluster', level: '2', expanded: 'true' });
  await page.keyboard.press('ArrowLeft');
  expect(await activeRow(page)).toMatchObject({ name: 'Lab Cluster', expanded: 'false' });
  await expect(page.locator('[role=treeitem][data-name="esx-01"]')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  expect(await activeRow(page)).toMatchObject({ name: 'Lab Cluster', expanded: 'true' });
  await page.keyboard.press('ArrowRight');
  expect(await activeRow(page)).toMatchObject({ name: 'esx-01', level: '3' });
  await expect(page.getByTestId('pane-title')).not.toHaveText('esx-01');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pane-title')).toHaveText('esx-01');
  await expect(page.locator('[role=treeitem][data-name="esx-01"]')).toHaveAttribute('aria-selected', 'true');
  // ArrowLeft on a closed row goes to its parent; End reaches the last row.
  await page.keyboard.press('ArrowDown');
  const child = await activeRow(page);
  expect(child.level).toBe('4');
  await page.keyboard.press('ArrowLeft');
  expect((await activeRow(page)).name).toBe('esx-01');
  await page.keyboard.press('End');
  const last = await activeRow(page);
  const names = await page
    .locator('[role=treeitem]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
  expect(names.at(-1)).toBe(last.name);

  // Skip to content (the first Tab stop, seen above) lands in the main landmark; the tabs are a
  // tablist: Tab reaches the selected tab, the arrows select the next ones.
  await page.getByTestId('skip-content').focus();
  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatchObject({ id: 'main-content' });
  await expect(page.locator('main#main-content')).toHaveCount(1);
  await tabTo(page, 'tab-summary');
  expect((await focused(page)).role).toBe('tab');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-monitor')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('tab-monitor')).toBeFocused();
  await expect(page.getByTestId('monitor-chart').first()).toBeVisible();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('tab-summary')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[role=tablist]').filter({ has: page.getByTestId('tab-summary') })).toHaveCount(
    1,
  );
});

test('a wizard opened from the tree by keyboard is finished by keyboard; the focus returns to the tree', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.locator('body').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  expect((await activeRow(page)).name).toBe('Lab Cluster');

  // Shift+F10: the cluster's menu; the arrows choose "New virtual machine…", Enter opens it.
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('menu-newVm')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const wizard = page.getByTestId('wizard-newVm');
  await expect(wizard).toBeVisible();
  await expect(page.locator('[role=dialog][aria-labelledby][data-testid=wizard-newVm]')).toHaveCount(1);

  await tabTo(page, 'vm-name');
  await page.keyboard.type('kbd-01');
  for (let step = 0; step < 3; step++) {
    await tabTo(page, 'wizard-next');
    await page.keyboard.press('Enter');
  }
  await tabTo(page, 'wizard-finish');
  await page.keyboard.press('Enter');
  await expect(wizard).toBeHidden();
  // The VM is made (its task names it in Recent tasks).
  await expect(page.getByTestId('recent-tasks')).toContainText('kbd-01', { timeout: 20_000 });
  // The focus is back where the wizard was opened from.
  await expect.poll(async () => (await focused(page)).id).toBe('inventory-tree');

  // The same for Esc: Shift+F10 on the cluster, New VM, Esc.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(wizard).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(wizard).toBeHidden();
  await expect.poll(async () => (await focused(page)).id).toBe('inventory-tree');
});

test("a dialog opened from the pane's Actions menu by keyboard gives the focus back to that button", async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.locator('[data-testid=tree-node][data-name="web-01"]').click();
  await expect(page.getByTestId('pane-title')).toHaveText('web-01');
  await page.getByTestId('skip-content').focus();
  await page.keyboard.press('Enter');
  await tabTo(page, 'actions-menu');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('action-migrate')).toBeVisible();
  // Down to "Migrate…" (after the power actions and a divider), Enter opens the wizard.
  for (let i = 0; i < 10; i++) {
    if (await page.getByTestId('action-migrate').evaluate((e) => e.className.includes('pending'))) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  const wizard = page.getByTestId('wizard-migrate');
  await expect(wizard).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(wizard).toBeHidden();
  await expect.poll(async () => (await focused(page)).testid).toBe('actions-menu');
});

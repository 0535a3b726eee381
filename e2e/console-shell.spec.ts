/**
 * The console shell as a user meets it: inventory, object pane, search with `/`, help with `?`,
 * keyboard navigation and context menu in the tree, theme and language settings. Saves the
 * light/dark × English/Chinese screenshots to test-results/screenshots/.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { open } from './console-helpers';

function node(page: Page, name: string) {
  return page.locator(`[data-testid=tree-node][data-name="${name}"]`);
}

async function searchAndOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.type(name);
  await page.locator('.n-base-select-option').filter({ hasText: name }).first().click();
  await expect(page.getByTestId('pane-title')).toHaveText(name);
}

test('search with / opens an object; the tree reveals it under its host', async ({ page, consoleUrl }) => {
  await open(page, consoleUrl);
  await searchAndOpen(page, 'db-01');
  await expect(node(page, 'db-01')).toBeVisible();
  await expect(node(page, 'db-01')).toHaveAttribute('data-parent', /^esx-\d+$/);
  await expect(page.getByTestId('summary-state')).toHaveText('Powered on');
  // The summary shows configuration from the engine.
  await expect(page.getByTestId('field-vcpus')).not.toBeEmpty();
});

test('keyboard: ? lists the shortcuts, arrows move in the tree, Shift+F10 opens the context menu', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-dialog')).toBeVisible();
  await expect(page.getByTestId('help-dialog')).toContainText('Focus search');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-dialog')).toBeHidden();

  await node(page, 'esx-01').click();
  await expect(page.getByTestId('pane-title')).toHaveText('esx-01');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pane-title')).not.toHaveText('esx-01');
  const selected = (await page.getByTestId('pane-title').textContent()) ?? '';
  await expect(node(page, selected)).toHaveAttribute('data-parent', 'esx-01');

  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('menu-migrate')).toBeVisible();
  await page.keyboard.press('Escape');

  await node(page, 'esx-02').click({ button: 'right' });
  await expect(page.getByTestId('menu-enterMaintenance')).toBeVisible();
  await expect(page.getByTestId('menu-failHost')).toBeVisible();
});

test('the three inventory views list guests, datastores and networks', async ({ page, consoleUrl }) => {
  await open(page, consoleUrl);
  await page.getByTestId('view-vms').click();
  await expect(page.locator('[data-testid=tree-node][data-kind=folder]').first()).toBeVisible();
  await expect(node(page, 'app-01')).toBeVisible();
  await page.getByTestId('view-storage').click();
  await expect(page.locator('[data-testid=tree-node][data-kind=datastore]').first()).toBeVisible();
  await page.locator('[data-testid=tree-node][data-kind=datastore]').first().click();
  await expect(page.getByTestId('cap-storage')).toBeVisible();
});

test('theme and language settings; screenshots in light and dark, English and Chinese', async ({
  page,
  consoleUrl,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await open(page, consoleUrl);
  await page.getByTestId('clock-speed').selectOption('1000');
  await node(page, 'esx-01').click();
  await expect(page.getByTestId('cap-cpu-ratio')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/summary-light-en.png' });

  await page.getByTestId('settings-button').click();
  await page.getByTestId('theme-dark').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('lang-zh').click();
  await expect(page.getByTestId('tab-summary')).toHaveText('摘要');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.keyboard.press('Escape');
  await page.getByTestId('tab-monitor').click();
  await expect(page.getByTestId('monitor-chart').first()).toHaveAttribute('data-points', /^[1-9]\d*$/);
  await page.screenshot({ path: 'test-results/screenshots/monitor-dark-zh.png' });

  // Preferences survive a reload.
  await page.reload();
  await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-label', '运行');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await node(page, 'esx-02').click();
  await page.screenshot({ path: 'test-results/screenshots/summary-dark-zh.png' });

  await page.getByTestId('settings-button').click();
  await page.getByTestId('lang-en').click();
  await page.getByTestId('theme-light').click();
  await expect(page.getByTestId('tab-summary')).toHaveText('Summary');
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('tab-monitor').click();
  await expect(page.getByTestId('monitor-chart').first()).toHaveAttribute('data-points', /^[1-9]\d*$/);
  await page.screenshot({ path: 'test-results/screenshots/monitor-light-en-1280.png' });
});

test('without its token the page explains how to open the console', async ({ page, server }) => {
  await page.goto(`http://127.0.0.1:${server.port}/`);
  await expect(page.getByTestId('start-banner')).toContainText('npm run web');
  await expect(page.getByTestId('connection-status')).not.toHaveAttribute('data-status', 'open');
});

/// <reference lib="dom" />
/**
 * The console in Simplified Chinese (issue 12, "Simplified Chinese, completely"): the tab underline follows
 * the active tab when the language changes, and the Events and Tasks tabs show no untranslated English (the
 * walk through every view is e2e/console-zh-walk.spec.ts; both use the detector of e2e/untranslated.ts).
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { apiCall, open, select } from './console-helpers';
import { englishWords } from './untranslated';

async function setLanguage(page: Page, lang: 'en' | 'zh'): Promise<void> {
  await page.getByTestId('settings-button').click();
  await page.getByTestId(`lang-${lang}`).click();
  await page.keyboard.press('Escape');
}

/** Horizontal offset between the line tabs' underline and the active tab (px), per tab bar on the page. */
async function underlineOffsets(page: Page): Promise<number[]> {
  return page.locator('.n-tabs').evaluateAll((all) =>
    all.flatMap((tabs) => {
      const bar = tabs.querySelector('.n-tabs-bar');
      const active = tabs.querySelector('.n-tabs-tab--active');
      if (!bar || !active || bar.getClientRects().length === 0) return [];
      const b = bar.getBoundingClientRect();
      const a = active.getBoundingClientRect();
      return [Math.abs(b.left - a.left) + Math.abs(b.width - a.width)];
    }),
  );
}

test('the tab underline stays under the active tab after switching language', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await select(page, 'esx-01');
  await page.getByTestId('tab-tasks').click();
  await expect.poll(async () => (await underlineOffsets(page)).length).toBeGreaterThanOrEqual(2); // tree + pane
  await expect.poll(async () => Math.max(...(await underlineOffsets(page)))).toBeLessThan(2);
  await setLanguage(page, 'zh');
  await expect(page.getByTestId('tab-tasks')).toHaveText('任务');
  await expect.poll(async () => Math.max(...(await underlineOffsets(page)))).toBeLessThan(2);
  await setLanguage(page, 'en');
  await expect(page.getByTestId('tab-tasks')).toHaveText('Tasks');
  await expect.poll(async () => Math.max(...(await underlineOffsets(page)))).toBeLessThan(2);
});

test('in Chinese, the Events and Tasks tabs show a migration and a host failure without English', async ({
  page,
  consoleUrl,
  server,
}) => {
  await open(page, consoleUrl);
  await setLanguage(page, 'zh');
  // A live migration and a host failure, then time for HA to restart the VMs.
  expect((await apiCall(server, 'clock.pause', {})).ok).toBe(true);
  expect(
    (
      await apiCall(server, 'command.execute', {
        command: { type: 'vm.migrate', vmId: 'vm-web-01', hostId: 'host-esx-02' },
      })
    ).ok,
  ).toBe(true);
  expect((await apiCall(server, 'clock.step', { ticks: 15 })).ok).toBe(true);
  expect(
    (await apiCall(server, 'command.execute', { command: { type: 'host.fail', hostId: 'host-esx-01' } })).ok,
  ).toBe(true);
  expect((await apiCall(server, 'clock.step', { ticks: 30 })).ok).toBe(true);
  const names = await page
    .locator('[data-testid=tree-node]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''));
  expect(names.length).toBeGreaterThan(5);
  for (const [object, tab] of [
    ['esx-01', 'events'],
    ['esx-01', 'tasks'],
    ['web-01', 'events'],
    ['web-01', 'tasks'],
  ] as const) {
    await select(page, object);
    await page.getByTestId(`tab-${tab}`).click();
    const body = page.locator('.n-tabs-pane-wrapper .n-data-table-tbody').first();
    await expect(body.locator('tr').first()).toBeVisible();
    await expect(body).not.toContainText('vm.migrate');
    const text = await body.innerText();
    expect(text.length).toBeGreaterThan(10);
    expect(englishWords(text, names), `${object} ${tab}: ${text}`).toEqual([]);
  }
});

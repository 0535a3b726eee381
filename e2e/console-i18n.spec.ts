/// <reference lib="dom" />
/**
 * The console in Simplified Chinese (issue 12, "Simplified Chinese, completely"): the tab underline follows
 * the active tab when the language changes, and the main views show no untranslated English.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { open, select } from './console-helpers';

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

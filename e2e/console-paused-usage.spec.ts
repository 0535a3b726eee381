/**
 * Issue 12, defect 5: a reopened workspace showed no usage while paused ("Used — GHz (0 %)")
 * until Play, because no metric values existed before the first tick. Saved, reopened and still paused,
 * the console shows the current usage of a host and the datacenter's totals.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { open, select } from './console-helpers';

async function pause(page: Page): Promise<void> {
  if ((await page.getByTestId('clock-play').getAttribute('aria-pressed')) === 'true')
    await page.getByTestId('clock-pause').click();
  await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-pressed', 'false');
}

const usedNumber = /Used\s*[\d.,]+\s*GHz/;

test('saved, reopened and paused, a workspace shows current usage without pressing Play', async ({
  page,
  consoleUrl,
}) => {
  await open(page, consoleUrl);
  await pause(page);
  await page.getByTestId('file-menu').click();
  await page.getByTestId('file-saveas').click();
  const dialog = page.getByTestId('workspace-dialog');
  await dialog.getByTestId('ws-save-name').locator('input').fill('paused lab');
  await page.getByTestId('ws-submit').click();
  await expect(dialog).toBeHidden();

  // Another workspace, then the saved one again.
  await page.getByTestId('file-menu').click();
  await page.getByTestId('file-new').click();
  await dialog.getByTestId('ws-name').locator('input').fill('Other lab');
  await page.getByTestId('ws-submit').click();
  await expect(dialog).toBeHidden();
  await pause(page);
  await page.getByTestId('file-menu').click();
  await page.getByTestId('file-open').click();
  await dialog.getByTestId('ws-item-paused lab').click();
  await page.getByTestId('ws-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('workspace-name')).toHaveText('Small lab');
  await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-pressed', 'false');
  const tickBefore = await page.getByTestId('clock-time').innerText();

  await select(page, 'esx-01');
  await expect(page.getByTestId('summary')).toContainText(usedNumber);
  await expect(page.getByTestId('summary')).not.toContainText('Used — GHz');
  await select(page, 'Lab');
  await expect(page.getByTestId('summary')).toContainText(usedNumber);
  // Still paused: nothing ran to get there.
  await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('clock-time')).toHaveText(tickBefore);
  await page.screenshot({ path: 'test-results/screenshots/paused-usage-after-reopen.png' });
});

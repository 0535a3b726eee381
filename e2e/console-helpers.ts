/** What many e2e specs do the same way: open the console, find and select objects, run an action, call the API. */
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { expect, type ServerHandle } from './fixtures';

/** Opens the console and waits until it is connected and the inventory is shown. */
export async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('inventory-tree')).toBeVisible();
}

/** The inventory tree row of an object, by its name. */
export const node = (page: Page, name: string) =>
  page.locator(`[data-testid=tree-node][data-name="${name}"]`);

/** Selects an object the way a user finds it: type its name in the search box and pick it. */
export async function select(page: Page, name: string): Promise<void> {
  const input = page.getByTestId('search-input');
  await input.fill(name);
  await page
    .locator('.n-base-select-option')
    .filter({ hasText: new RegExp(`^${name} ·`) })
    .first()
    .click();
  await expect(page.getByTestId('pane-title')).toHaveText(name);
}

/** Runs an entry of the object pane's Actions menu. */
export async function action(page: Page, key: string): Promise<void> {
  await page.getByTestId('actions-menu').click();
  await page.getByTestId(`action-${key}`).click();
}

/** One API call over the server's WebSocket (for settings the console has no dialog for). */
export async function apiCall(
  server: ServerHandle,
  method: string,
  params: unknown,
): Promise<{ ok: boolean }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
  await new Promise((r) => ws.once('open', r));
  const answer = await new Promise<{ ok: boolean }>((r) => {
    ws.on('message', (raw: Buffer) => {
      const m = JSON.parse(raw.toString()) as { id?: number; result?: { ok: boolean } };
      if (m.id === 1 && m.result) r(m.result);
    });
    ws.send(JSON.stringify({ id: 1, method, params }));
  });
  ws.close();
  return answer;
}

/**
 * Presses a dialog's confirm button once its opening transition has ended, and waits for the dialog to
 * close. When it stays open, the failure says why: the server's error shown in the dialog, a call still
 * waiting for its answer (the button is loading), or a click that did not reach the button.
 */
export async function confirmDialog(
  page: Page,
  dialogId: string,
  buttonId: string,
  timeout = 20_000,
): Promise<void> {
  const dialog = page.getByTestId(dialogId);
  await expect(dialog).toBeVisible();
  await expect(dialog).not.toHaveClass(/transition-enter-active/);
  await page.getByTestId(buttonId).click();
  try {
    await expect(dialog).toBeHidden({ timeout });
  } catch {
    const error = dialog.getByTestId('form-error');
    const why =
      (await error.count()) > 0
        ? `the dialog shows an error: ${(await error.innerText()).trim()}`
        : /n-button--loading/.test((await page.getByTestId(buttonId).getAttribute('class')) ?? '')
          ? 'its call is still waiting for the server'
          : 'the button is idle: the click did not reach it';
    throw new Error(`${dialogId} stayed open ${timeout} ms after ${buttonId} was pressed; ${why}`);
  }
}

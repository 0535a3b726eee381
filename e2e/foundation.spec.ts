/**
 * The foundation's vertical slice, as a user sees it in the browser shell: the console connects,
 * the simulated clock advances, the live chart receives points, pause stops the clock and play
 * resumes it.
 */
import { test, expect } from './fixtures';
import { apiCall } from './console-helpers';

async function simTime(page: import('@playwright/test').Page): Promise<string> {
  return (await page.getByTestId('clock-time').textContent())?.trim() ?? '';
}

test('the console connects, the clock advances and the live chart receives points', async ({
  page,
  consoleUrl,
}) => {
  await page.goto(consoleUrl);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('clock-time')).not.toHaveText('');
  // Speed up so the 20 s ticks come several times a second.
  await page.getByTestId('clock-speed').selectOption('1000');
  const first = await simTime(page);
  await expect.poll(() => simTime(page), { timeout: 15_000 }).not.toBe(first);
  const chart = page.getByTestId('live-chart');
  await expect(chart).toBeVisible();
  await expect
    .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 15_000 })
    .toBeGreaterThan(2);
});

test('pause stops the simulated clock and play resumes it', async ({ page, consoleUrl, server }) => {
  const clock = async () =>
    ((await apiCall(server, 'clock.get', {})) as unknown as { value: { running: boolean; tick: number } })
      .value;
  await page.goto(consoleUrl);
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'open');
  await page.getByTestId('clock-speed').selectOption('1000');
  await page.getByTestId('clock-pause').click();
  await expect(page.getByTestId('clock-pause')).toHaveAttribute('aria-pressed', 'true');
  // The service has stopped: no fixed wait, its own clock says so.
  await expect.poll(async () => (await clock()).running).toBe(false);
  const stopped = await clock();
  const paused = await simTime(page);
  // A single step moves exactly one tick while paused (so nothing advanced in between).
  await page.getByTestId('clock-step').click();
  await expect.poll(async () => (await clock()).tick).toBe(stopped.tick + 1);
  await expect.poll(() => simTime(page)).not.toBe(paused);
  const stepped = await simTime(page);
  expect((await clock()).tick).toBe(stopped.tick + 1);
  await page.getByTestId('clock-play').click();
  await expect.poll(async () => (await clock()).tick, { timeout: 15_000 }).toBeGreaterThan(stopped.tick + 1);
  await expect.poll(() => simTime(page), { timeout: 15_000 }).not.toBe(stepped);
});

test('a connection without the token is refused and the page says so', async ({ page, server }) => {
  await page.goto(`http://127.0.0.1:${server.port}/`);
  await expect(page.getByTestId('connection-status')).not.toHaveAttribute('data-status', 'open', {
    timeout: 5000,
  });
});

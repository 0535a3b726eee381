/**
 * Safe mode (issue 21, finding 2): after the service stopped uncleanly (killed), the next start reopens the
 * last workspace paused — never auto-played — and the console says why, with a way to continue.
 */
import { test, expect, startServer, stopServer } from './fixtures';
import { open } from './console-helpers';

test('after a kill -9 the console reopens the workspace paused, shows why, and Play continues', async ({
  page,
}) => {
  const first = await startServer();
  // The first start creates the default workspace and plays it; wait until it has run a few ticks.
  await open(page, first.url);
  await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('fault-banner')).toHaveCount(0);
  const exited = new Promise((r) => first.process.once('exit', r));
  first.process.kill('SIGKILL');
  await exited;

  const second = await startServer([], { VDC_DATA_DIR: first.dataDir });
  try {
    await open(page, second.url);
    const banner = page.getByTestId('fault-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('did not stop cleanly last time');
    await expect(banner).toContainText('reopened paused');
    await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-pressed', 'false');
    await page.getByTestId('fault-play').click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByTestId('clock-play')).toHaveAttribute('aria-pressed', 'true');
  } finally {
    await stopServer(second);
  }
});

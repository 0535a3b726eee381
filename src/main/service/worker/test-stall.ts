/**
 * Test-only: with VDC_TEST_STALL_SERVICE=1 in its environment, the service worker, once started, runs
 * a SQLite statement that never ends (native code that Worker.terminate() cannot interrupt), the worst
 * case of a busy service. The shutdown test (src/main/web/shutdown.test.ts) uses it to prove that
 * SIGTERM still ends the browser shell within seconds. Nothing else reads this variable.
 */
import { openDatabase } from '../../store/sqlite';

export const STALL_ENV = 'VDC_TEST_STALL_SERVICE';
export const STALL_MESSAGE = 'VDC test hook: the service worker is stalled in SQLite';

export function stallIfAsked(): void {
  if (process.env[STALL_ENV] !== '1') return;
  setTimeout(() => {
    const db = openDatabase(':memory:');
    process.stderr.write(`${STALL_MESSAGE}\n`);
    db.prepare(
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c',
    ).get();
  }, 50);
}

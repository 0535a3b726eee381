/**
 * What the realtime level costs SQLite per recorded tick of the enterprise scenario, by layout (issue 17):
 * raw better-sqlite3, no engine, 1,080 ticks (6 simulated hours), one transaction per 64 ticks, realtime
 * kept 180 ticks (1 h) — as the store writes it.
 *   rows     one row per (t, eid), 3,648 rows of 60-byte vectors per tick, 64-row INSERTs (today's layout)
 *   nodelete the same without the retention DELETE (what the deletes cost)
 *   blocks   one row per (t, kind) holding the kind's vectors, offsets and eids (8 rows per tick)
 * Run: npx tsx bench/realtime-layout.ts [rows|nodelete|blocks]   (CPU time is the figure; see docs/benchmarks.md)
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KINDS = [2109, 1470, 64, 40, 16, 4, 2, 1]; // containers, VMs, hosts, services, datastores, clusters, networks, DC
const TICKS = 1080;
const ROWS = 64;

function run(mode: 'rows' | 'nodelete' | 'blocks'): number {
  const dir = mkdtempSync(join(tmpdir(), 'vdc-layout-'));
  const db = new Database(join(dir, 'l.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.exec('CREATE TABLE samples (t INTEGER, eid INTEGER, v BLOB, PRIMARY KEY (t, eid)) WITHOUT ROWID');
  db.exec(
    'CREATE TABLE blocks (t INTEGER, kind INTEGER, eids BLOB, offs BLOB, data BLOB, PRIMARY KEY (t, kind)) WITHOUT ROWID',
  );
  const many = db.prepare(`INSERT INTO samples VALUES ${Array(ROWS).fill('(?, ?, ?)').join(', ')}`);
  const block = db.prepare('INSERT INTO blocks VALUES (?, ?, ?, ?, ?)');
  const del = db.prepare(
    mode === 'blocks' ? 'DELETE FROM blocks WHERE t <= ?' : 'DELETE FROM samples WHERE t <= ?',
  );
  const vec = Buffer.alloc(60, 7);
  const big = KINDS.map((n) => Buffer.alloc(60 * n, 7));
  const eids = KINDS.map((n) => Buffer.alloc(4 * n));
  const offs = KINDS.map((n) => Buffer.alloc(4 * n + 4));
  const n = KINDS.reduce((a, b) => a + b, 0) - (KINDS.reduce((a, b) => a + b, 0) % ROWS);
  const cpu0 = process.cpuUsage();
  let tick = 0;
  while (tick < TICKS) {
    db.transaction(() => {
      for (let k = 0; k < 64 && tick < TICKS; k++, tick++) {
        if (mode === 'blocks') KINDS.forEach((_, i) => block.run(tick, i, eids[i], offs[i], big[i]));
        else {
          const args: unknown[] = [];
          for (let e = 0; e < n; e++) {
            args.push(tick, e, vec);
            if (args.length === 3 * ROWS) {
              many.run(args);
              args.length = 0;
            }
          }
        }
      }
      if (mode !== 'nodelete') del.run(tick - 180);
    })();
  }
  const c = process.cpuUsage(cpu0);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return (c.user + c.system) / 1000 / TICKS;
}

const modes = (process.argv.slice(2).length ? process.argv.slice(2) : ['rows', 'nodelete', 'blocks']) as (
  'rows' | 'nodelete' | 'blocks'
)[];
for (const m of modes) console.log(`${m.padEnd(9)} ${run(m).toFixed(2)} ms CPU per tick`);

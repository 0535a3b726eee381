/**
 * Durability with real processes and files: a writer child is killed with SIGKILL mid-write and the file
 * must open, pass integrity_check, hold every tick the child reported as flushed, and hold exact rollups.
 * Also: disk full (file size cap) and Save As while running keep every buffered tick.
 */
import { spawn } from 'node:child_process';
import nodePath from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from './workspace';
import { fleet, makeTick, meanOf, removeTempDirs, tempDir, testInit } from './testing/synth';

afterAll(removeTempDirs);

const REPO = nodePath.resolve(__dirname, '../../..');
const WRITER = nodePath.join(__dirname, 'testing', 'crash-writer.ts');

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Runs the writer until it reported `flushes` flushes, then SIGKILLs it a few ms later. */
function runAndKill(
  path: string,
  flushes: number,
  delayMs: number,
  thread = false,
): Promise<{ start: number; lastFlushed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, ...(thread ? ['thread'] : [])], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let start = -1;
    let lastFlushed = -1;
    let seen = 0;
    let buf = '';
    let stderr = '';
    let killing = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const [word, n] = buf.slice(0, nl).split(' ');
        buf = buf.slice(nl + 1);
        if (word === 'start') start = Number(n);
        if (word === 'flushed' && !killing) {
          lastFlushed = Number(n);
          if (++seen >= flushes) {
            killing = true;
            setTimeout(() => child.kill('SIGKILL'), delayMs);
          }
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ start, lastFlushed });
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

function integrity(path: string): string {
  const db = new Database(path);
  const r = db.pragma('integrity_check', { simple: true }) as string;
  db.close();
  return r;
}

describe('kill -9 of a writing process', () => {
  it.each([
    ['', false],
    [' (flushes in the writer thread)', true],
  ])(
    'leaves a file that opens, passes integrity_check, keeps every flushed tick and exact rollups%s',
    async (_, thread) => {
      const p = nodePath.join(tempDir(), 'crash.vdc');
      const rounds = [
        { flushes: 12, delayMs: 0 },
        { flushes: 20, delayMs: 7 },
        { flushes: 30, delayMs: 23 },
      ];
      let expectedStart = 1;
      for (const round of rounds) {
        const { start, lastFlushed } = await runAndKill(p, round.flushes, round.delayMs, thread);
        expect(start).toBe(expectedStart);
        expect(lastFlushed).toBeGreaterThan(start);
        expect(integrity(p)).toBe('ok');
        const ws = must(Workspace.open(p, { check: 'full' }));
        const { lastTick } = ws.meta();
        expect(lastTick).toBeGreaterThanOrEqual(lastFlushed);
        // The next run resumes from the latest checkpoint (every 40 ticks).
        const snap = ws.latestSnapshot();
        expectedStart = snap ? snap.tick + 1 : 1;
        // host-0, metric 0 at tick k is k: realtime points equal t / 20 and 5-min points the mean of their 15 ticks.
        const rt = must(
          ws.querySeries({
            entityIds: ['host-0'],
            metrics: ['cpu.usageMHz'],
            from: Math.max(0, lastTick * 20 - 3000),
            to: lastTick * 20,
          }),
        );
        expect(rt.resolutionSec).toBe(20);
        expect(rt.series[0]!.points.every(([t, v]) => v === t / 20)).toBe(true);
        expect(rt.series[0]!.points.at(-1)).toEqual([lastTick * 20, lastTick]);
        const m5 = must(
          ws.querySeries({
            entityIds: ['vm-199'],
            metrics: ['mem.activeMiB'],
            from: 0,
            to: lastTick * 20,
            maxPoints: Math.ceil(lastTick / 15) + 1,
          }),
        );
        expect(m5.resolutionSec).toBe(300);
        expect(m5.series[0]!.points).toHaveLength(Math.floor(lastTick / 15));
        for (const [t, v] of m5.series[0]!.points) expect(v).toBe(19_900 + 10 + meanOf(t / 20 - 14, t / 20));
        ws.close();
      }
    },
    60_000,
  );
});

describe('disk full', () => {
  it('answers DISK_FULL, keeps the unsaved ticks, and Save As elsewhere writes all of them', () => {
    const dir = tempDir();
    const p = nodePath.join(dir, 'full.vdc');
    const ws = must(
      Workspace.create(p, testInit(), {
        maxFileBytes: 400 * 1024,
        flushEveryTicks: 1_000_000,
        flushIntervalMs: 3_600_000,
      }),
    );
    const f = fleet(10, 100);
    let full: ReturnType<Workspace['flush']> | null = null;
    let k = 0;
    while (!full && k < 2000) {
      ws.appendTick(makeTick(++k, 20, f));
      if (k % 5 === 0) {
        const r = ws.flush();
        if (!r.ok) full = r;
      }
    }
    expect(full && !full.ok && full.error.code).toBe('DISK_FULL');
    expect(full && !full.ok && full.error.message).toMatch(/full.*Save As/);
    expect(ws.status()).toMatchObject({ pendingTicks: 5, lastError: { code: 'DISK_FULL' } });
    for (let j = 0; j < 3; j++) ws.appendTick(makeTick(++k, 20, f));
    expect(ws.flush().ok).toBe(false);
    expect(ws.status().pendingTicks).toBe(8);
    const copy = nodePath.join(dir, 'rescued.vdc');
    expect(ws.saveAs(copy).ok).toBe(true);
    ws.close();
    expect(integrity(p)).toBe('ok');
    const c = must(Workspace.open(copy, { check: 'full' }));
    expect(c.meta().lastTick).toBe(k);
    const s = must(
      c.querySeries({ entityIds: ['vm-42'], metrics: ['cpu.usageMHz'], from: (k - 9) * 20, to: k * 20 }),
    );
    expect(s.series[0]!.points).toEqual(
      Array.from({ length: 10 }, (_, i) => [(k - 9 + i) * 20, 4200 + k - 9 + i]),
    );
    c.close();
  });
});

describe('Save As while running', () => {
  it('copies flushed and buffered history; both files keep working', () => {
    const dir = tempDir();
    const ws = must(
      Workspace.create(nodePath.join(dir, 'a.vdc'), testInit(), {
        flushEveryTicks: 1000,
        flushIntervalMs: 3_600_000,
      }),
    );
    const f = fleet(2, 3);
    for (let k = 1; k <= 20; k++) ws.appendTick(makeTick(k, 20, f));
    must(ws.flush());
    for (let k = 21; k <= 25; k++) ws.appendTick(makeTick(k, 20, f));
    must(ws.saveSnapshot(25, 500, { at: 25 }));
    for (let k = 26; k <= 30; k++) ws.appendTick(makeTick(k, 20, f));
    const copy = nodePath.join(dir, 'b.vdc');
    must(ws.saveAs(copy));
    expect(ws.saveAs(copy).ok).toBe(false); // exists
    must(ws.saveAs(copy, { overwrite: true }));
    for (let k = 31; k <= 40; k++) ws.appendTick(makeTick(k, 20, f));
    must(ws.close());
    const b = must(Workspace.open(copy));
    expect(b.meta()).toMatchObject({ lastTick: 30, name: 'Test workspace' });
    expect(b.latestSnapshot()).toEqual({ tick: 25, time: 500, snapshot: { at: 25 } });
    expect(
      must(b.querySeries({ entityIds: ['host-1'], metrics: ['cpu.usageMHz'], from: 580, to: 600 })).series[0]!
        .points,
    ).toEqual([
      [580, 129],
      [600, 130],
    ]);
    b.close();
    const a = must(Workspace.open(nodePath.join(dir, 'a.vdc')));
    expect(a.meta().lastTick).toBe(40);
    a.close();
  });
});

describe('snapshots', () => {
  it('keeps the newest snapshotsKeep snapshots', () => {
    const ws = must(Workspace.create(nodePath.join(tempDir(), 's.vdc'), testInit(), { snapshotsKeep: 2 }));
    for (const t of [10, 20, 30]) must(ws.saveSnapshot(t, t * 20, { t, big: 'x'.repeat(10_000) }));
    expect(ws.latestSnapshot()?.tick).toBe(30);
    expect(ws.info().tables.find((x) => x.name === 'snapshots')?.rows).toBe(2);
    expect(ws.saveSnapshot(40, 800, { self: BigInt(1) }).ok).toBe(false);
    ws.close();
  });
});

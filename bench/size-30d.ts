/**
 * File size of a long full-history run (issue 4): the 1,000-host + 10,000-VM synthetic datacenter (no
 * containers; the size the store bench projects), run by the real engine and recorded through the same
 * Session the app and `vdc simulate` use (default 20-s tick, default retention, periodic checkpoints).
 * Not part of `npm run bench` (bench/run.ts only picks *.bench.ts); it takes over an hour for 30 days.
 *
 *   npx tsx bench/size-30d.ts [--days 30] [--every 86400] [--workspace FILE] [--out summary.json] [--keep]
 *
 * Prints, every `--every` simulated seconds (default: a day), ticks/s and the file size; at the end a
 * JSON summary (wall seconds, CPU seconds, file size, per-table sizes from Workspace.info()).
 */
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { syntheticScenario } from '../src/main/engine/scenarios/synthetic';
import { openRecordedRun } from '../src/main/service/headless';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const days = Number(arg('days') ?? 30);
const every = Number(arg('every') ?? 86_400);
const keep = process.argv.includes('--keep');
if (!(days > 0) || !(every > 0)) throw new Error('--days and --every must be positive numbers');
const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'vdc-size30d-'));
const path = nodePath.resolve(arg('workspace') ?? nodePath.join(dir, 'size-30d.vdc'));
const out = arg('out');

const bytesOf = (p: string): number => {
  try {
    return fs.statSync(p).size;
  } catch {
    return 0;
  }
};
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;
const cpuSec = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const scenario = syntheticScenario({ hosts: 1000, vms: 10_000, containers: 0 });
const opened = openRecordedRun({ path, scenario });
if (!opened.ok) throw new Error(opened.error.message);
const run = opened.value;
const ws = run.session.workspace;
if (!ws) throw new Error('the run has no workspace');
const tickSeconds = run.session.engine.tickSeconds;
const totalTicks = Math.round((days * 86_400) / tickSeconds);
const startTime = run.session.engine.time;
console.log(
  `size-30d: ${days} simulated days of 1,000 hosts + 10,000 VMs at ${tickSeconds}-s ticks (${totalTicks.toLocaleString('en-US')} ticks) into ${path}${run.continued ? ' (continued)' : ''}`,
);
const t0 = performance.now();
const c0 = cpuSec();
let lastMark = { wall: t0, tick: 0 };
let nextReport = startTime + every;
for (let i = 1; i <= totalTicks; i++) {
  const r = run.step();
  if (r.time >= nextReport || i === totalTicks) {
    nextReport += every;
    const now = performance.now();
    const rate = (i - lastMark.tick) / ((now - lastMark.wall) / 1000);
    lastMark = { wall: now, tick: i };
    const simDays = (r.time - startTime) / 86_400;
    console.log(
      `  day ${simDays.toFixed(2).padStart(6)}  ${rate.toFixed(1).padStart(6)} ticks/s  file ${mib(bytesOf(path)).padStart(11)}  wal ${mib(bytesOf(`${path}-wal`))}  wall ${((now - t0) / 1000).toFixed(0)} s`,
    );
  }
}
const wallSec = (performance.now() - t0) / 1000;
const cpu = cpuSec() - c0;
const info = ws.info(); // flushes first
const fin = run.finish();
if (!fin.ok) throw new Error(fin.error.message);
const summary = {
  days,
  hosts: 1000,
  vms: 10_000,
  tickSeconds,
  ticks: totalTicks,
  wallSec: Number(wallSec.toFixed(1)),
  cpuSec: Number(cpu.toFixed(1)),
  ticksPerSec: Number((totalTicks / wallSec).toFixed(2)),
  loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
  fileBytes: bytesOf(path),
  retention: ws.meta().retention,
  tables: info.tables,
  perLevel: info.perLevel,
};
console.log(JSON.stringify(summary, null, 2));
if (out) fs.writeFileSync(out, JSON.stringify(summary, null, 2));
if (!keep && !arg('workspace')) fs.rmSync(dir, { recursive: true, force: true });

/**
 * Child process for the kill -9 durability test: opens (or creates) a workspace, resumes from its last
 * checkpoint, and writes ticks until killed. Prints "flushed <tick>" after every successful flush.
 * Usage: node --import tsx crash-writer.ts <file.vdc> [thread]
 * With `thread`, the automatic flushes (every 8 ticks) go through the writer thread and the explicit
 * flush (which waits for it) runs every 16 ticks, so the kill usually meets a write in that thread.
 */
import fs from 'node:fs';
import { Workspace } from '../workspace';
import { fleet, makeTick, testInit } from './synth';

const path = process.argv[2];
if (!path) throw new Error('usage: crash-writer <file.vdc>');
const thread = process.argv[3] === 'thread';
const opts = { flushEveryTicks: 8, flushIntervalMs: 60_000, writerThread: thread };
const reportEvery = thread ? 16 : 8;
const opened = fs.existsSync(path) ? Workspace.open(path, opts) : Workspace.create(path, testInit(), opts);
if (!opened.ok) throw new Error(opened.error.message);
const ws = opened.value;
const f = fleet(20, 200);
const snap = ws.latestSnapshot();
let tick = 1;
if (snap) {
  const t = ws.truncateAfter(snap.tick);
  if (!t.ok) throw new Error(t.error.message);
  tick = snap.tick + 1;
}
process.stdout.write(`start ${tick}\n`);
for (;;) {
  ws.appendTick(makeTick(tick, 20, f));
  if (tick % 40 === 0) {
    const s = ws.saveSnapshot(tick, tick * 20, { tick });
    if (!s.ok) throw new Error(s.error.message);
  }
  if (tick % reportEvery === 0) {
    const r = ws.flush();
    if (!r.ok) throw new Error(r.error.message);
    process.stdout.write(`flushed ${tick}\n`);
  }
  tick++;
}

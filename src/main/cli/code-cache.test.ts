/**
 * The bundled `vdc` built from scratch (one file per command, V8 code cache next to each) in a scratch
 * checkout: bin/ and scripts/ copied, src/, node_modules and package.json linked, so the real checkout's
 * out/cli is not touched. The commands run from that fresh build give the same results as the engine
 * in-process, and the same with the code cache used, turned off, missing, made from another source
 * or rejected by V8 (the loader falls back to compiling from source).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsolidation, type TraceInput } from '../engine/consolidation';
import { resultJson } from './commands/consolidate';

const ROOT = join(__dirname, '..', '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'vdc-code-cache-test-'));
const checkout = join(scratch, 'checkout');
const workload = join(scratch, 'workload');
const OUT = join(checkout, 'out', 'cli');
const BIN = join(checkout, 'bin', 'vdc.cjs');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function vdc(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: scratch,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, VDC_CODE_CACHE: 'debug', ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What the debug mode said about one file's cache: used, missing, stale (…), rejected by V8. */
function cacheState(r: Run, file: string): string | undefined {
  const line = r.stderr.split('\n').find((l) => l.startsWith(`vdc: code cache of ${join(OUT, file)}: `));
  return line?.slice(`vdc: code cache of ${join(OUT, file)}: `.length);
}

/** 60 made-up traces (deterministic), enough for overloads and migrations with LR-MMT. */
function makeTraces(): TraceInput[] {
  const traces: TraceInput[] = [];
  let x = 7;
  for (let v = 0; v < 60; v++) {
    const samples: number[] = [];
    for (let i = 0; i < 288; i++) {
      x = (x * 48271) % 2147483647;
      samples.push(Math.min(100, Math.round(40 + 35 * Math.sin((i + v * 7) / 20) + (x % 30))));
    }
    traces.push({ name: `t${String(v).padStart(3, '0')}`, samples });
  }
  return traces;
}
const traces = makeTraces();
const sha1 = (b: Buffer): Buffer => createHash('sha1').update(b).digest();

const consolidateArgs = ['consolidate', '--workload', workload, '--policy', 'lr-mmt', '--json'];
/** The consolidation JSON without the one field that is a timing. */
function metrics(r: Run): Record<string, number> {
  expect(r.status, r.stderr).toBe(0);
  const { wallSeconds, ...rest } = JSON.parse(r.stdout) as Record<string, number>;
  expect(wallSeconds).toBeGreaterThanOrEqual(0);
  return rest;
}

const simulateArgs = ['simulate', '--scenario', 'small-lab', '--duration', '1h', '--seed', '3', '--json'];
/** The simulation summary without its timings. */
function summary(r: Run): Record<string, unknown> {
  expect(r.status, r.stderr).toBe(0);
  const { wallSeconds, msPerTick, ...rest } = JSON.parse(r.stdout) as Record<string, unknown>;
  expect(typeof wallSeconds).toBe('number');
  expect(typeof msPerTick).toBe('number');
  return rest;
}

beforeAll(() => {
  mkdirSync(checkout);
  cpSync(join(ROOT, 'bin'), join(checkout, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'scripts'), join(checkout, 'scripts'), { recursive: true });
  for (const f of ['src', 'node_modules', 'package.json', 'tsconfig.json', 'tsconfig.node.json'])
    symlinkSync(join(ROOT, f), join(checkout, f));
  mkdirSync(workload);
  for (const t of traces) writeFileSync(join(workload, t.name), t.samples.join('\n') + '\n');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bundled vdc built from scratch, with its code cache', () => {
  let first: Run;
  beforeAll(() => {
    first = vdc(consolidateArgs);
  }, 180_000);

  it('builds one file per command and a code cache for each, then runs the command from them', () => {
    expect(first.stderr).toContain('vdc: bundling the command line (not built yet)');
    for (const f of ['vdc.js', 'cli-command.js', 'cmd-consolidate.js', 'cmd-simulate.js', 'cmd-scenarios.js'])
      expect(existsSync(join(OUT, f)), f).toBe(true);
    for (const f of ['cmd-consolidate.js', 'cmd-simulate.js', 'cmd-scenarios.js'])
      expect(existsSync(join(OUT, `${f}.v8-cache`)), `${f}.v8-cache`).toBe(true);
    // The few-KB dispatcher compiles faster than a cache is read: it has none.
    for (const f of ['vdc.js', 'cli-command.js'])
      expect(existsSync(join(OUT, `${f}.v8-cache`)), `${f}.v8-cache`).toBe(false);
    // The dispatcher holds no engine: the experiment lives in its command's file only.
    const dispatcher = readFileSync(join(OUT, 'vdc.js'), 'utf8');
    expect(dispatcher).not.toContain('function runConsolidation');
    expect(dispatcher).toContain('require("./cmd-consolidate.js")');
    expect(readFileSync(join(OUT, 'cmd-consolidate.js'), 'utf8')).toContain('function startConsolidation');
    // The result is the engine's, computed here in-process.
    const direct = runConsolidation(traces, { policy: 'lr-mmt' });
    if (!direct.ok) throw new Error(direct.error.message);
    const { wallSeconds: _w, ...expected } = resultJson(direct.value, 0);
    expect(expected.migrations).toBeGreaterThan(0);
    expect(metrics(first)).toEqual(expected);
  });

  it('uses the cache, and gives the same results without it', () => {
    const cached = vdc(consolidateArgs);
    expect(cacheState(cached, 'cmd-consolidate.js')).toBe('used');
    expect(cacheState(cached, 'vdc.js')).toBeUndefined();
    const off = vdc(consolidateArgs, { VDC_CODE_CACHE: 'off' });
    expect(off.stderr).not.toContain('code cache');
    expect(metrics(cached)).toEqual(metrics(off));
    expect(metrics(cached)).toEqual(metrics(first));

    const sim = vdc(simulateArgs);
    expect(cacheState(sim, 'cmd-simulate.js')).toBe('used');
    expect(summary(sim)).toEqual(summary(vdc(simulateArgs, { VDC_CODE_CACHE: 'off' })));
    const help = vdc(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^vdc — VDC Studio on the command line/);
    expect(cacheState(help, 'cmd-consolidate.js')).toBeUndefined(); // --help loads no command
  });

  it('falls back to compiling from source when a cache is rejected, stale or missing', () => {
    const expected = metrics(vdc(consolidateArgs, { VDC_CODE_CACHE: 'off' }));
    const sim = (): Run => vdc(['simulate', '--help']);
    const cacheFile = join(OUT, 'cmd-consolidate.js.v8-cache');
    const good = readFileSync(cacheFile);

    // V8's data from another V8 version (its version hash changed), with our checksums right: V8 refuses it.
    const otherV8 = Buffer.from(good.subarray(40));
    otherV8.writeUInt32LE((otherV8.readUInt32LE(4) + 1) >>> 0, 4);
    writeFileSync(cacheFile, Buffer.concat([good.subarray(0, 20), sha1(otherV8), otherV8]));
    const rejected = vdc(consolidateArgs);
    expect(cacheState(rejected, 'cmd-consolidate.js')).toBe('rejected by V8');
    expect(metrics(rejected)).toEqual(expected);

    // Damaged bytes (release V8 does not checksum its data): never handed to V8.
    const damaged = Buffer.from(good);
    damaged.fill(0x5a, 1000, 1100);
    writeFileSync(cacheFile, damaged);
    const fromDamaged = vdc(consolidateArgs);
    expect(cacheState(fromDamaged, 'cmd-consolidate.js')).toBe('damaged');
    expect(metrics(fromDamaged)).toEqual(expected);

    // A cache made from another source, even one of the same length, is not handed to V8 at all.
    const stale = Buffer.from(good);
    stale[0] = (stale[0]! + 1) % 256;
    writeFileSync(cacheFile, stale);
    const fromOther = vdc(consolidateArgs);
    expect(cacheState(fromOther, 'cmd-consolidate.js')).toBe('stale (made from another source)');
    expect(metrics(fromOther)).toEqual(expected);

    rmSync(cacheFile);
    const missing = vdc(consolidateArgs);
    expect(cacheState(missing, 'cmd-consolidate.js')).toBe('missing');
    expect(cacheState(sim(), 'cmd-simulate.js')).toBe('used'); // the other files' caches still serve
    expect(metrics(missing)).toEqual(expected);

    // Usage errors still cross from a command's file to the dispatcher's check (one UsageError class).
    const bad = vdc(['consolidate', '--workload', workload, '--policy', 'lr-mmt', '--seed', 'x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('vdc consolidate: --seed must be an integer');
    expect(bad.stderr).toContain('Usage: vdc consolidate');
  });
});

/**
 * Makes V8's code cache of the bundled `vdc` (out/cli/<file>.js.v8-cache), run by scripts/build-cli.mjs in
 * a child process right after bundling. A code cache holds the bytecode of the functions compiled so far,
 * so the files are first warmed up the way `vdc` uses them: the dispatcher (vdc.js) runs
 * `vdc consolidate --policy lr-mmt` on a small made-up workload (so the experiment's functions are in
 * cmd-consolidate.js's cache), and every other command's file is loaded once (its top-level code). At exit
 * each loaded file's cache is written next to it (under a temporary name, then renamed).
 *
 * Only the build writes these files; `vdc` reads them and falls back to compiling from source when one is
 * missing, stale or rejected (scripts/cli-bundle.cjs, useCodeCache).
 */
'use strict';
const { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { BUNDLE, CACHE_EXT, OUT_DIR, useCodeCache } = require('./cli-bundle.cjs');

/** A made-up PlanetLab-like day: VMS trace files of 288 integer CPU % (a deterministic LCG). */
function writeWorkload(dir, vms) {
  let x = 12345;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  for (let v = 0; v < vms; v++) {
    const base = 10 + 60 * next();
    const lines = [];
    for (let i = 0; i < 288; i++) {
      const wave = 30 * Math.sin((i / 288) * 2 * Math.PI * (1 + (v % 3)));
      lines.push(String(Math.max(0, Math.min(100, Math.round(base + wave + 20 * (next() - 0.5))))));
    }
    writeFileSync(join(dir, `vm-${String(v).padStart(4, '0')}`), lines.join('\n') + '\n');
  }
}

const collect = useCodeCache({ produce: true });
const workload = mkdtempSync(join(tmpdir(), 'vdc-code-cache-'));
process.on('exit', () => {
  rmSync(workload, { recursive: true, force: true });
  if (process.exitCode) {
    process.stderr.write(`the warm-up run of vdc failed (exit code ${process.exitCode})\n`);
    return;
  }
  // Every other command's file, loaded once so that its top-level code is in its cache too.
  for (const name of readdirSync(OUT_DIR).sort())
    if (/^cmd-[\w-]+\.js$/.test(name)) require(join(OUT_DIR, name));
  for (const [file, data] of collect()) {
    const tmp = `${file}${CACHE_EXT}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file + CACHE_EXT);
  }
});
writeWorkload(workload, 60);
process.argv = [
  process.argv[0],
  BUNDLE,
  'consolidate',
  '--workload',
  workload,
  '--policy',
  'lr-mmt',
  '--json',
];
require(BUNDLE);

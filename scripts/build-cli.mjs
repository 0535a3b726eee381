#!/usr/bin/env node
/**
 * Bundles the `vdc` command line (src/main/cli/main.ts) with esbuild into out/cli/vdc.js, as electron-vite
 * bundles src/main for the app: plain CommonJS run by `node`, no TypeScript compiler at run time. The
 * service worker is bundled next to it (out/cli/service-worker.js) for `vdc serve`. npm dependencies stay
 * external (better-sqlite3 is native; the rest load from node_modules as in the app).
 *
 *   node scripts/build-cli.mjs             build (≈ 1 s); `npm install` / `npm ci` run it (prepare)
 *   node scripts/build-cli.mjs --if-stale  build only when a bundled source changed since the last build
 *   --quiet                                 print nothing when all is well
 *
 * Files are written under temporary names and renamed, so a `vdc` starting meanwhile never reads half a
 * bundle; the list of sources (out/cli/inputs.json, for the staleness check) is written last.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import cliBundle from './cli-bundle.cjs';

const { ROOT, OUT_DIR, INPUTS, staleReason } = cliBundle;

async function buildCli() {
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: {
      vdc: 'src/main/cli/main.ts',
      'service-worker': 'src/main/service/worker/entry.ts',
      'sweep-worker': 'src/main/service/capacity/sweep-worker.ts',
      'import-worker': 'src/main/service/inventory-io/import-worker.ts',
      'task-worker': 'src/main/service/off-thread/task-worker.ts',
      'store-writer': 'src/main/store/writer-worker.ts',
    },
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
    banner: { js: '// Built by scripts/build-cli.mjs from src/main: edit the sources, not this file.' },
  });
  mkdirSync(OUT_DIR, { recursive: true });
  for (const f of result.outputFiles) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.includes('node_modules/'))
    .sort();
  const tmp = `${INPUTS}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(inputs) + '\n');
  renameSync(tmp, INPUTS);
  return inputs.length;
}

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const reason = staleReason();
if (args.includes('--if-stale') && reason === null) process.exit(0);
const t0 = performance.now();
try {
  const n = await buildCli();
  if (!quiet)
    process.stderr.write(
      `vdc: bundled ${n} sources into ${relative(ROOT, OUT_DIR)}/vdc.js in ${((performance.now() - t0) / 1000).toFixed(2)} s\n`,
    );
} catch (e) {
  if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes("'esbuild'")) {
    // An install without devDependencies: nothing to bundle with; say so instead of failing the install.
    process.stderr.write(
      'vdc: esbuild is not installed (devDependencies omitted), so the command line was not bundled.\n',
    );
    process.exit(0);
  }
  process.stderr.write(
    `vdc: could not bundle the command line: ${e instanceof Error ? e.message : String(e)}\n`,
  );
  process.exit(1);
}

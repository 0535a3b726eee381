#!/usr/bin/env node
/**
 * Bundles the `vdc` command line (src/main/cli/main.ts) with esbuild into out/cli/vdc.js, as electron-vite
 * bundles src/main for the app: plain CommonJS run by `node`, no TypeScript compiler at run time. The
 * service worker is bundled next to it (out/cli/service-worker.js) for `vdc serve`. npm dependencies stay
 * external (better-sqlite3 is native; the rest load from node_modules as in the app).
 *
 * One file per command: vdc.js holds only the dispatcher (main.ts, run.ts, registry.ts); each command the
 * registry lists is its own bundle, out/cli/cmd-<name>.js, required when that command runs, so that
 * `vdc consolidate` does not parse the engine, the store or SQLite's bindings. The module that the
 * dispatcher and the commands share by identity (command.ts: `UsageError` is checked with instanceof) is
 * one file of its own, out/cli/cli-command.js. Then V8's code cache of each of these files is made
 * (scripts/cli-code-cache.cjs: out/cli/<file>.v8-cache), which bin/vdc.cjs loads when it fits.
 *
 *   node scripts/build-cli.mjs             build (≈ 1 s); `npm install` / `npm ci` run it (prepare)
 *   node scripts/build-cli.mjs --if-stale  build only when a bundled source changed since the last build
 *   --quiet                                 print nothing when all is well
 *
 * Files are written under temporary names and renamed, so a `vdc` starting meanwhile never reads half a
 * bundle; the list of sources (out/cli/inputs.json, for the staleness check) is written last.
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import cliBundle from './cli-bundle.cjs';

const { ROOT, OUT_DIR, INPUTS, CACHE_EXT, staleReason } = cliBundle;
// esbuild reports the real paths of the sources (src/ may be a link).
const CLI_DIR = realpathSync(join(ROOT, 'src', 'main', 'cli'));
const REGISTRY = join(CLI_DIR, 'registry.ts');
const COMMAND = join(CLI_DIR, 'command.ts');

/** The command modules the registry loads lazily: `import('./commands/<name>')`. */
function commandModules() {
  const names = [...readFileSync(REGISTRY, 'utf8').matchAll(/import\(\s*'\.\/commands\/([\w-]+)'\s*\)/g)].map(
    (m) => m[1],
  );
  return [...new Set(names)].sort();
}

/**
 * The registry's `import('./commands/<name>')` becomes `require('./cmd-<name>.js')` (a file of its own), and
 * every import of command.ts outside its own entry becomes `require('./cli-command.js')`.
 */
const splitPerCommand = {
  name: 'vdc-split-per-command',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[\w-]+$/ }, (args) =>
      args.importer === REGISTRY
        ? { path: `./cmd-${args.path.slice('./commands/'.length)}.js`, external: true }
        : undefined,
    );
    b.onResolve({ filter: /(^|\/)command$/ }, (args) =>
      args.kind !== 'entry-point' && resolve(args.resolveDir, `${args.path}.ts`) === COMMAND
        ? { path: './cli-command.js', external: true }
        : undefined,
    );
  },
};

async function buildCli() {
  const { build } = await import('esbuild');
  const perCommand = Object.fromEntries(
    commandModules().map((name) => [`cmd-${name}`, `src/main/cli/commands/${name}.ts`]),
  );
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: {
      vdc: 'src/main/cli/main.ts',
      'cli-command': 'src/main/cli/command.ts',
      ...perCommand,
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
    plugins: [splitPerCommand],
    // import() of another file of the bundle (or of a package) as require(): one CommonJS loader, which
    // the code cache hooks into (a native import() would also need a vm.Script import callback).
    supported: { 'dynamic-import': false },
  });
  mkdirSync(OUT_DIR, { recursive: true });
  const written = new Set();
  for (const f of result.outputFiles) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
    written.add(f.path);
  }
  // Files of an earlier build that this one did not make (a removed command) and every code cache: the
  // caches are made again below, for the files just written.
  for (const name of readdirSync(OUT_DIR)) {
    const path = join(OUT_DIR, name);
    const old = /^cmd-[\w-]+\.js(\.map)?$/.test(name) && !written.has(path);
    if (old || name.endsWith(CACHE_EXT)) rmSync(path, { force: true });
  }
  // V8's code cache of the files the main thread loads, made by running them once (in a child process:
  // the cache must come from a plain `node`, as bin/vdc.cjs runs). A failure only costs the speed-up.
  const tCache = performance.now();
  const cache = spawnSync(process.execPath, [join(ROOT, 'scripts', 'cli-code-cache.cjs')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (cache.status !== 0)
    process.stderr.write(
      `vdc: the code cache was not made (the command line runs without it): ${cache.stderr || cache.error}\n`,
    );
  const cacheSec = (performance.now() - tCache) / 1000;
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.includes('node_modules/'))
    .sort();
  const tmp = `${INPUTS}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(inputs) + '\n');
  renameSync(tmp, INPUTS);
  return { sources: inputs.length, files: written.size, cacheSec };
}

const args = process.argv.slice(2);
const quiet = args.includes('--quiet');
const reason = staleReason();
if (args.includes('--if-stale') && reason === null) process.exit(0);
const t0 = performance.now();
try {
  const { sources, files, cacheSec } = await buildCli();
  if (!quiet)
    process.stderr.write(
      `vdc: bundled ${sources} sources into ${relative(ROOT, OUT_DIR)}/ (${files} files) in ${((performance.now() - t0) / 1000).toFixed(2)} s, of which ${cacheSec.toFixed(2)} s the code cache\n`,
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

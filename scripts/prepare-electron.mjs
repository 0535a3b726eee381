#!/usr/bin/env node
/**
 * Makes the desktop app runnable on a developer's machine; run by `npm start` (prestart), `npm run dev` and
 * `npm run dist`. Two steps, each skipped when already done:
 *
 *  1. The Electron binary. electron >= 42 has no install script, so `npm install` leaves node_modules/electron
 *     without `dist/` and `path.txt`; we run Electron's own installer (node_modules/electron/install.js), which
 *     downloads the zip for this platform (honours ELECTRON_MIRROR, electron_config_cache, proxies).
 *  2. better-sqlite3 built for Electron's ABI, into `.electron-native/better_sqlite3-<electronVersion>.node`.
 *     A copy of node_modules/better-sqlite3 is compiled in a temp folder with node-gyp against the Electron
 *     headers; node_modules/better-sqlite3/build (the Node build the unit tests and the CLI use) is never
 *     touched. The main process loads the file through better-sqlite3's `nativeBinding` option
 *     (src/main/electron/paths.ts), and electron-builder ships it via extraResources.
 *
 * Both steps need the internet once. Without it the script stops within seconds with a message saying what
 * to do; nothing in node_modules changes. See docs/desktop.md.
 *
 *   node scripts/prepare-electron.mjs           prepare (download / build as needed)
 *   node scripts/prepare-electron.mjs --check   only report; exit 0 when ready, 1 otherwise
 *   node scripts/prepare-electron.mjs --native-only   skip step 1 (e.g. ELECTRON_OVERRIDE_DIST_PATH setups)
 *
 * The helpers are exported for unit tests (src/main/electron/prepare-electron.test.ts); importing this file
 * runs nothing.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NATIVE_DIR = '.electron-native';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;
const BUILD_TIMEOUT_MS = 20 * 60_000;

/** Same name as src/main/electron/paths.ts nativeBindingFileName (a unit test keeps them equal). */
export function nativeBindingFileName(electronVersion) {
  return `better_sqlite3-${electronVersion}.node`;
}

/** The executable's path inside node_modules/electron/dist, as Electron's install.js writes it to path.txt. */
export function electronPlatformPath(platform) {
  switch (platform) {
    case 'mas':
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'freebsd':
    case 'openbsd':
    case 'linux':
      return 'electron';
    case 'win32':
      return 'electron.exe';
    default:
      return null;
  }
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Whether node_modules/electron holds a usable binary, judged like Electron's install.js does (package
 * version = dist/version, path.txt names this platform's executable, the executable exists) — without
 * requiring 'electron', which would try to download.
 * @returns {{ installed: boolean, version: string | null, binaryPath: string | null, reason: string }}
 */
export function electronBinaryStatus(electronDir, platform = process.platform) {
  const pkg = readText(join(electronDir, 'package.json'));
  if (pkg === null)
    return {
      installed: false,
      version: null,
      binaryPath: null,
      reason: `${electronDir} is missing: run "npm install" first`,
    };
  const version = String(JSON.parse(pkg).version ?? '');
  const pathTxt = readText(join(electronDir, 'path.txt'));
  if (pathTxt === null)
    return {
      installed: false,
      version,
      binaryPath: null,
      reason: 'node_modules/electron/path.txt is missing (the binary was never downloaded)',
    };
  const expected = electronPlatformPath(platform);
  if (expected !== null && pathTxt !== expected) {
    return {
      installed: false,
      version,
      binaryPath: null,
      reason: `node_modules/electron/path.txt names "${pathTxt}", not this platform's "${expected}"`,
    };
  }
  const binaryPath = join(electronDir, 'dist', pathTxt);
  if (!existsSync(binaryPath))
    return { installed: false, version, binaryPath: null, reason: `${binaryPath} is missing` };
  const distVersion = (readText(join(electronDir, 'dist', 'version')) ?? '').trim().replace(/^v/, '');
  if (distVersion !== version) {
    return {
      installed: false,
      version,
      binaryPath: null,
      reason: `the downloaded Electron is ${distVersion || 'of unknown version'}, the package is ${version}`,
    };
  }
  return { installed: true, version, binaryPath, reason: 'installed' };
}

/** npm settings that node-gyp may keep: network and toolchain choices, never what decides the target. */
const KEPT_NPM_CONFIG = new Set([
  'npm_config_proxy',
  'npm_config_https_proxy',
  'npm_config_http_proxy',
  'npm_config_noproxy',
  'npm_config_cafile',
  'npm_config_strict_ssl',
  'npm_config_python',
  'npm_config_msvs_version',
]);

/**
 * The environment for node-gyp. When run through npm, npm exports every .npmrc key as npm_config_* and
 * node-gyp obeys them: `nodedir` (set machine-wide on some systems) would silently build against Node's
 * headers and produce a Node-ABI file labelled as the Electron build. So every npm_config_* key except
 * network/toolchain ones is dropped, case-insensitively.
 */
export function nodeGypEnv(env) {
  const out = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_config_') && !KEPT_NPM_CONFIG.has(lower)) continue;
    out[key] = value;
  }
  return out;
}

/** node-gyp arguments that compile for Electron `electronVersion` (headers into ~/.electron-gyp, apart from Node's). */
export function nodeGypArgs({ electronVersion, arch, devDir }) {
  return [
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
    '--runtime=electron',
    `--devdir=${devDir}`,
  ];
}

/** node-gyp's CLI: the project's copy, else the one npm announces (npm_config_node_gyp), else npm's bundled one. */
export function findNodeGyp({ projectRoot, env = process.env, execPath = process.execPath }) {
  const candidates = [];
  try {
    candidates.push(createRequire(join(projectRoot, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed in the project
  }
  if (env.npm_config_node_gyp) candidates.push(env.npm_config_node_gyp);
  const nodeDir = dirname(execPath);
  candidates.push(
    join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  );
  candidates.push(join(nodeDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((file) => existsSync(file)) ?? null;
}

/** What a build was made from; a mismatch with the current packages means "rebuild". */
export function nativeStamp({ electronVersion, betterSqlite3Version, platform, arch }) {
  return { electronVersion, betterSqlite3Version, platform, arch };
}

/** True when `file` exists and its `.json` stamp (if any) matches `stamp`. */
export function isNativeBuildCurrent(file, stamp) {
  if (!existsSync(file)) return false;
  const text = readText(`${file}.json`);
  if (text === null) return true;
  try {
    const saved = JSON.parse(text);
    return Object.entries(stamp).every(([key, value]) => saved[key] === value);
  } catch {
    return false;
  }
}

/** Copies the package without its `build/` (compiled output) or nested node_modules. */
export function copyPackageSources(fromDir, toDir) {
  cpSync(fromDir, toDir, {
    recursive: true,
    filter: (src) => {
      const rel = relative(fromDir, src);
      const first = rel.split(sep)[0];
      return first !== 'build' && first !== 'node_modules';
    },
  });
}

/**
 * Compiles a copy of `packageDir` in a temp folder and copies build/Release/better_sqlite3.node to `outFile`.
 * @returns {{ ok: true } | { ok: false, message: string }}
 */
export function buildNativeCopy({ packageDir, outFile, nodeGyp, args, env, log = console.log }) {
  const work = mkdtempSync(join(tmpdir(), 'vdc-better-sqlite3-'));
  try {
    const copy = join(work, 'better-sqlite3');
    copyPackageSources(packageDir, copy);
    log(`  compiling in ${copy} (node-gyp ${args.join(' ')})`);
    const result = spawnSync(process.execPath, [nodeGyp, ...args], {
      cwd: copy,
      env,
      stdio: 'inherit',
      timeout: BUILD_TIMEOUT_MS,
    });
    if (result.error) return { ok: false, message: `node-gyp could not run: ${result.error.message}` };
    if (result.status !== 0)
      return {
        ok: false,
        message: `node-gyp exited with code ${result.status ?? `signal ${result.signal}`}`,
      };
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) return { ok: false, message: `node-gyp succeeded but ${built} was not produced` };
    mkdirSync(dirname(outFile), { recursive: true });
    copyFileSync(built, outFile);
    return { ok: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Deletes builds for other Electron versions so packaging ships only the current one. */
export function pruneOtherBuilds(nativeDir, keepFile) {
  if (!existsSync(nativeDir)) return [];
  const removed = [];
  for (const name of readdirSync(nativeDir)) {
    const full = join(nativeDir, name);
    if (/^better_sqlite3-.+\.node(\.json)?$/.test(name) && full !== keepFile && full !== `${keepFile}.json`) {
      rmSync(full, { force: true });
      removed.push(name);
    }
  }
  return removed;
}

function fail(lines) {
  console.error(['', ...lines.map((l) => `  ${l}`), ''].join('\n'));
  return 1;
}

function ensureElectronBinary(electronDir, check) {
  const status = electronBinaryStatus(electronDir);
  if (status.installed) {
    console.log(`✔ Electron ${status.version} binary present (${status.binaryPath})`);
    return 0;
  }
  if (check) return fail([`✖ Electron binary not ready: ${status.reason}.`]);
  if (status.version === null) return fail([`✖ ${status.reason}.`]);
  console.log(`… Electron ${status.version} binary not downloaded yet (${status.reason}).`);
  console.log("  Downloading it once with Electron's installer (node_modules/electron/install.js)…");
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: 'inherit',
    timeout: DOWNLOAD_TIMEOUT_MS,
  });
  const after = electronBinaryStatus(electronDir);
  if (result.status === 0 && after.installed) {
    console.log(`✔ Electron ${after.version} downloaded (${after.binaryPath})`);
    return 0;
  }
  return fail([
    `✖ Could not download the Electron ${status.version} binary (installer exit code ${result.status ?? result.error?.message ?? result.signal}).`,
    '  The desktop app needs it once; it comes from GitHub (github.com/electron/electron/releases).',
    '  Check the internet connection or proxy (HTTPS_PROXY), or set ELECTRON_MIRROR to a reachable mirror,',
    '  then run "npm start" again. Nothing in node_modules was changed.',
    '  Without Electron you can still use the same console in a browser: "npm run web".',
  ]);
}

function ensureNativeSqlite(root, electronVersion, check) {
  const packageDir = join(root, 'node_modules', 'better-sqlite3');
  const pkgText = readText(join(packageDir, 'package.json'));
  if (pkgText === null) return fail(['✖ node_modules/better-sqlite3 is missing: run "npm install" first.']);
  const stamp = nativeStamp({
    electronVersion,
    betterSqlite3Version: String(JSON.parse(pkgText).version),
    platform: process.platform,
    arch: process.arch,
  });
  const nativeDir = join(root, NATIVE_DIR);
  const outFile = join(nativeDir, nativeBindingFileName(electronVersion));
  if (isNativeBuildCurrent(outFile, stamp)) {
    console.log(`✔ better-sqlite3 for Electron ${electronVersion} present (${relative(root, outFile)})`);
    return 0;
  }
  if (check)
    return fail([
      `✖ better-sqlite3 for Electron ${electronVersion} not built (${relative(root, outFile)} missing or stale).`,
    ]);
  const nodeGyp = findNodeGyp({ projectRoot: root });
  if (nodeGyp === null)
    return fail([
      '✖ node-gyp was not found (it ships with npm). Reinstall npm, or add node-gyp to devDependencies.',
    ]);
  console.log(
    `… building better-sqlite3 ${stamp.betterSqlite3Version} for Electron ${electronVersion} (${process.platform}-${process.arch}) into ${NATIVE_DIR}/`,
  );
  const built = buildNativeCopy({
    packageDir,
    outFile,
    nodeGyp,
    args: nodeGypArgs({ electronVersion, arch: process.arch, devDir: join(homedir(), '.electron-gyp') }),
    env: nodeGypEnv(process.env),
  });
  if (!built.ok) {
    return fail([
      `✖ Could not build better-sqlite3 for Electron ${electronVersion}: ${built.message}.`,
      `  node-gyp needs the Electron headers from ${ELECTRON_HEADERS_URL} (internet, once) and a C/C++ toolchain:`,
      '  Linux: python3, make, g++ · macOS: Xcode Command Line Tools · Windows: Visual Studio Build Tools (C++).',
      '  node_modules/better-sqlite3 was not changed, so "npm test" and the CLI keep working.',
    ]);
  }
  writeFileSync(`${outFile}.json`, `${JSON.stringify(stamp, null, 2)}\n`);
  const removed = pruneOtherBuilds(nativeDir, outFile);
  if (removed.length > 0) console.log(`  removed builds for other versions: ${removed.join(', ')}`);
  console.log(`✔ better-sqlite3 for Electron ${electronVersion} built (${relative(root, outFile)})`);
  return 0;
}

/** Runs the preparation for the project at `root` (default: this script's repo); returns the exit code. */
export function main(
  argv = process.argv.slice(2),
  root = resolve(dirname(fileURLToPath(import.meta.url)), '..'),
) {
  const check = argv.includes('--check');
  const nativeOnly = argv.includes('--native-only');
  const electronDir = join(root, 'node_modules', 'electron');
  const pkgText = readText(join(electronDir, 'package.json'));
  if (pkgText === null) return fail(['✖ node_modules/electron is missing: run "npm install" first.']);
  const electronVersion = String(JSON.parse(pkgText).version);
  if (!nativeOnly) {
    const code = ensureElectronBinary(electronDir, check);
    if (code !== 0) return code;
  }
  return ensureNativeSqlite(root, electronVersion, check);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main();
}

#!/usr/bin/env node
/**
 * Makes the desktop app runnable on a developer's machine; run by `npm start` (prestart), `npm run dev` and
 * `npm run dist`. Two steps, each skipped when already done:
 *
 *  1. The Electron binary. electron >= 42 has no install script, so `npm install` leaves node_modules/electron
 *     without `dist/` and `path.txt`; we run Electron's own installer (node_modules/electron/install.js), which
 *     downloads the zip for this platform (honours ELECTRON_MIRROR, electron_config_cache, proxies).
 *  2. better-sqlite3 for Electron's ABI, into `.electron-native/better_sqlite3-<electronVersion>.node`. In a
 *     temp copy of node_modules/better-sqlite3, prebuild-install first fetches better-sqlite3's published
 *     binary for this Electron (no compiler needed); when there is none, node-gyp compiles it against the
 *     Electron headers. node_modules/better-sqlite3/build (the Node build the unit tests and the CLI use) is
 *     never touched. The main process loads the file through better-sqlite3's `nativeBinding` option
 *     (src/main/electron/paths.ts), and electron-builder ships it via extraResources.
 *
 * Both steps need the internet once. Without it the script stops within seconds with a message saying what
 * to do; nothing in node_modules changes. See docs/desktop.md.
 *
 *   node scripts/prepare-electron.mjs           prepare (download / build as needed)
 *   node scripts/prepare-electron.mjs --check   only report; exit 0 when ready, 1 otherwise
 *   node scripts/prepare-electron.mjs --native-only   skip step 1 (packaging; ELECTRON_OVERRIDE_DIST_PATH setups)
 *   node scripts/prepare-electron.mjs --from-source   step 2 compiles, never downloads a prebuilt binary
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

/** npm settings the build tools may keep: network, toolchain and libc choices, never what decides the target. */
const KEPT_NPM_CONFIG = new Set([
  'npm_config_proxy',
  'npm_config_https_proxy',
  'npm_config_http_proxy',
  'npm_config_noproxy',
  'npm_config_cafile',
  'npm_config_strict_ssl',
  'npm_config_python',
  'npm_config_msvs_version',
  'npm_config_libc',
]);

/**
 * The environment for node-gyp and prebuild-install. When run through npm, npm exports every .npmrc key as
 * npm_config_* and both tools obey them: `nodedir` (set machine-wide on some systems) would silently build
 * against Node's headers and produce a Node-ABI file labelled as the Electron build; `target`/`runtime` would
 * fetch the wrong binary. So every npm_config_* key except network/toolchain ones is dropped, case-insensitively,
 * and so is npm's description of the running project (npm_package_*), which is not the package being built.
 */
export function nodeGypEnv(env) {
  const out = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_config_') && !KEPT_NPM_CONFIG.has(lower)) continue;
    if (lower.startsWith('npm_package_')) continue;
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
/** prebuild-install's CLI as installed next to better-sqlite3 (its dependency), or null. */
export function findPrebuildInstall(packageDir) {
  try {
    return createRequire(join(packageDir, 'package.json')).resolve('prebuild-install/bin.js');
  } catch {
    return null;
  }
}

/** prebuild-install arguments that fetch better-sqlite3's published binary for this Electron, if one exists. */
export function prebuildArgs({ electronVersion, arch, platform }) {
  return ['--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, `--platform=${platform}`];
}

/**
 * Makes better_sqlite3.node for Electron in a temp copy of `packageDir`, trying each step in order until one
 * produces build/Release/better_sqlite3.node, and copies it to `outFile`. A step is `{ label, script, args }`
 * run with this Node. Typical steps: prebuild-install (download better-sqlite3's published Electron build,
 * no compiler needed), then node-gyp (compile against the Electron headers).
 * @returns {{ ok: true, via: string } | { ok: false, message: string }}
 */
export function buildNativeCopy({ packageDir, outFile, steps, env, log = console.log }) {
  const work = mkdtempSync(join(tmpdir(), 'vdc-better-sqlite3-'));
  const failures = [];
  try {
    const copy = join(work, 'better-sqlite3');
    copyPackageSources(packageDir, copy);
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    for (const step of steps) {
      log(`  ${step.label}: ${step.args.join(' ')}`);
      rmSync(join(copy, 'build'), { recursive: true, force: true });
      const result = spawnSync(process.execPath, [step.script, ...step.args], {
        cwd: copy,
        env,
        stdio: 'inherit',
        timeout: step.timeoutMs ?? BUILD_TIMEOUT_MS,
      });
      if (result.error) failures.push(`${step.label} could not run (${result.error.message})`);
      else if (result.status !== 0)
        failures.push(`${step.label} exited with ${result.status ?? `signal ${result.signal}`}`);
      else if (!existsSync(built))
        failures.push(`${step.label} produced no build/Release/better_sqlite3.node`);
      else {
        mkdirSync(dirname(outFile), { recursive: true });
        copyFileSync(built, outFile);
        return { ok: true, via: step.label };
      }
    }
    return {
      ok: false,
      message: failures.length > 0 ? failures.join('; ') : 'no way to build it was available',
    };
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

function ensureNativeSqlite(root, electronVersion, check, fromSource) {
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
  const steps = [];
  const prebuild = fromSource ? null : findPrebuildInstall(packageDir);
  if (prebuild) {
    steps.push({
      label: 'prebuilt binary (prebuild-install)',
      script: prebuild,
      args: prebuildArgs({ electronVersion, arch: process.arch, platform: process.platform }),
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
    });
  }
  const nodeGyp = findNodeGyp({ projectRoot: root });
  if (nodeGyp) {
    steps.push({
      label: 'compile (node-gyp)',
      script: nodeGyp,
      args: nodeGypArgs({ electronVersion, arch: process.arch, devDir: join(homedir(), '.electron-gyp') }),
    });
  }
  console.log(
    `… preparing better-sqlite3 ${stamp.betterSqlite3Version} for Electron ${electronVersion} (${process.platform}-${process.arch}) in ${NATIVE_DIR}/`,
  );
  const built = buildNativeCopy({ packageDir, outFile, steps, env: nodeGypEnv(process.env) });
  if (!built.ok) {
    return fail(
      [
        `✖ Could not get better-sqlite3 for Electron ${electronVersion}: ${built.message}.`,
        '  First a prebuilt binary is fetched from the better-sqlite3 releases on GitHub; when there is none,',
        `  node-gyp compiles it, which needs the Electron headers from ${ELECTRON_HEADERS_URL} and a C/C++ toolchain:`,
        '  Linux: python3, make, g++ · macOS: Xcode Command Line Tools · Windows: Visual Studio Build Tools (C++).',
        nodeGyp
          ? ''
          : '  node-gyp was not found (it ships with npm): reinstall npm or add node-gyp to devDependencies.',
        '  node_modules/better-sqlite3 was not changed, so "npm test" and the CLI keep working.',
      ].filter(Boolean),
    );
  }
  writeFileSync(`${outFile}.json`, `${JSON.stringify(stamp, null, 2)}\n`);
  const removed = pruneOtherBuilds(nativeDir, outFile);
  if (removed.length > 0) console.log(`  removed builds for other versions: ${removed.join(', ')}`);
  console.log(
    `✔ better-sqlite3 for Electron ${electronVersion} ready via ${built.via} (${relative(root, outFile)})`,
  );
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
  return ensureNativeSqlite(root, electronVersion, check, argv.includes('--from-source'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main();
}

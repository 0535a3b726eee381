/**
 * Tests for scripts/prepare-electron.mjs (run by `npm start` / `npm run dist`). Helpers are tested directly;
 * main() runs against fake project folders in a temp dir whose node_modules/electron/install.js is a small
 * script standing in for Electron's downloader (here it "fails" like a machine without internet, or "succeeds"
 * by writing what the real one writes).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { nativeBindingFileName, NATIVE_DIR } from './paths';

interface BinaryStatus {
  installed: boolean;
  version: string | null;
  binaryPath: string | null;
  reason: string;
}
interface PrepareModule {
  NATIVE_DIR: string;
  nativeBindingFileName(version: string): string;
  electronPlatformPath(platform: string): string | null;
  electronBinaryStatus(electronDir: string, platform?: string): BinaryStatus;
  nodeGypEnv(env: Record<string, string | undefined>): Record<string, string>;
  nodeGypArgs(o: { electronVersion: string; arch: string; devDir: string }): string[];
  findNodeGyp(o: {
    projectRoot: string;
    env?: Record<string, string | undefined>;
    execPath?: string;
  }): string | null;
  nativeStamp(o: {
    electronVersion: string;
    betterSqlite3Version: string;
    platform: string;
    arch: string;
  }): Record<string, string>;
  isNativeBuildCurrent(file: string, stamp: Record<string, string>): boolean;
  copyPackageSources(from: string, to: string): void;
  findPrebuildInstall(packageDir: string): string | null;
  prebuildArgs(o: { electronVersion: string; arch: string; platform: string }): string[];
  buildNativeCopy(o: {
    packageDir: string;
    outFile: string;
    steps: Array<{ label: string; script: string; args: string[] }>;
    env: Record<string, string>;
    log?: (line: string) => void;
  }): { ok: true; via: string } | { ok: false; message: string };
  pruneOtherBuilds(dir: string, keep: string): string[];
  main(argv: string[], root: string): number;
}

const ROOT = resolve(__dirname, '..', '..', '..');
let prep: PrepareModule;
let work: string;

beforeAll(async () => {
  prep = (await import(pathToFileURL(join(ROOT, 'scripts', 'prepare-electron.mjs')).href)) as PrepareModule;
});
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'vdc-prepare-'));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(work, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  mkdirSync(resolve(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

/** node_modules/electron as npm leaves it (no binary), with a stand-in installer. */
function fakeElectron(root: string, installer: string): string {
  const dir = join(root, 'node_modules', 'electron');
  write(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
  write(join(dir, 'install.js'), installer);
  return dir;
}

/** What Electron's install.js leaves behind on this platform after a successful download. */
function installBinary(dir: string, version = '45.5.0'): void {
  const exe = prep.electronPlatformPath(process.platform) ?? 'electron';
  write(join(dir, 'dist', exe), '#!/bin/sh\n');
  write(join(dir, 'dist', 'version'), `v${version}`);
  write(join(dir, 'path.txt'), exe);
}

const failingInstaller = "console.error('TypeError: fetch failed'); process.exit(1);\n";
const workingInstaller = `
const fs = require('fs'), path = require('path');
const exe = ${JSON.stringify(process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron')};
fs.mkdirSync(path.join(__dirname, 'dist', path.dirname(exe)), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', exe), '');
fs.writeFileSync(path.join(__dirname, 'dist', 'version'), 'v45.5.0');
fs.writeFileSync(path.join(__dirname, 'path.txt'), exe);
`;

function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('names shared with the main process', () => {
  it('uses the same folder and file name as src/main/electron/paths.ts', () => {
    expect(prep.NATIVE_DIR).toBe(NATIVE_DIR);
    expect(prep.nativeBindingFileName('45.5.0')).toBe(nativeBindingFileName('45.5.0'));
  });
});

describe('electronBinaryStatus', () => {
  it('reports each way the binary can be missing, like Electron’s own check', () => {
    expect(prep.electronBinaryStatus(join(work, 'nope')).reason).toContain('run "npm install"');
    const dir = fakeElectron(work, failingInstaller);
    expect(prep.electronBinaryStatus(dir)).toMatchObject({
      installed: false,
      version: '45.5.0',
      reason: expect.stringContaining('path.txt is missing'),
    });
    installBinary(dir);
    expect(prep.electronBinaryStatus(dir)).toMatchObject({ installed: true, version: '45.5.0' });
    writeFileSync(join(dir, 'dist', 'version'), 'v44.0.0');
    expect(prep.electronBinaryStatus(dir).reason).toContain('44.0.0');
    installBinary(dir);
    rmSync(join(dir, 'dist', prep.electronPlatformPath(process.platform) ?? 'electron'));
    expect(prep.electronBinaryStatus(dir).reason).toContain('missing');
  });

  it('refuses a path.txt written for another platform', () => {
    const dir = fakeElectron(work, failingInstaller);
    installBinary(dir);
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    expect(prep.electronBinaryStatus(dir, other)).toMatchObject({
      installed: false,
      reason: expect.stringContaining('not this platform'),
    });
  });
});

describe('node-gyp setup', () => {
  it('drops npm_config_* keys that would redirect the build (nodedir!), in any case, and npm_package_*; keeps network/toolchain ones', () => {
    const env = prep.nodeGypEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_TARGET: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_disturl: 'https://nodejs.org/dist',
      npm_config_https_proxy: 'http://proxy:3128',
      npm_config_python: '/usr/bin/python3',
      npm_package_name: 'vdc-studio',
      npm_package_from: 'git+https://example/x.git',
      HOME: '/root',
      UNSET: undefined,
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      npm_config_https_proxy: 'http://proxy:3128',
      npm_config_python: '/usr/bin/python3',
      HOME: '/root',
    });
  });

  it('targets the Electron headers and a separate header cache', () => {
    expect(
      prep.nodeGypArgs({ electronVersion: '45.5.0', arch: 'arm64', devDir: '/home/a/.electron-gyp' }),
    ).toEqual([
      'rebuild',
      '--release',
      '--target=45.5.0',
      '--arch=arm64',
      '--dist-url=https://electronjs.org/headers',
      '--runtime=electron',
      '--devdir=/home/a/.electron-gyp',
    ]);
  });

  it('finds node-gyp: the project copy first, else the one npm names', () => {
    const local = join(work, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    write(join(work, 'package.json'), '{}');
    const viaNpm = join(work, 'npm-gyp.js');
    write(viaNpm, '');
    const noNode = join(work, 'no', 'bin', 'node');
    expect(
      prep.findNodeGyp({ projectRoot: work, env: { npm_config_node_gyp: viaNpm }, execPath: noNode }),
    ).toBe(viaNpm);
    write(
      join(work, 'node_modules', 'node-gyp', 'package.json'),
      JSON.stringify({ name: 'node-gyp', version: '1.0.0' }),
    );
    write(local, '');
    expect(
      prep.findNodeGyp({ projectRoot: work, env: { npm_config_node_gyp: viaNpm }, execPath: noNode }),
    ).toBe(local);
    rmSync(join(work, 'node_modules'), { recursive: true });
    expect(prep.findNodeGyp({ projectRoot: work, env: {}, execPath: noNode })).toBeNull();
  });
});

describe('getting the Electron build of better-sqlite3', () => {
  it('asks prebuild-install for the Electron runtime, version, arch and platform', () => {
    expect(prep.prebuildArgs({ electronVersion: '45.5.0', arch: 'x64', platform: 'win32' })).toEqual([
      '--runtime=electron',
      '--target=45.5.0',
      '--arch=x64',
      '--platform=win32',
    ]);
  });

  it('finds prebuild-install where better-sqlite3 would require it from', () => {
    const pkg = join(work, 'node_modules', 'better-sqlite3');
    write(join(pkg, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
    expect(prep.findPrebuildInstall(pkg)).toBeNull();
    write(
      join(work, 'node_modules', 'prebuild-install', 'package.json'),
      JSON.stringify({ name: 'prebuild-install', version: '7.1.3' }),
    );
    write(join(work, 'node_modules', 'prebuild-install', 'bin.js'), '');
    expect(prep.findPrebuildInstall(pkg)).toBe(join(work, 'node_modules', 'prebuild-install', 'bin.js'));
  });

  /** A package to build and step scripts standing in for prebuild-install / node-gyp (run in the temp copy). */
  function setup(): {
    packageDir: string;
    outFile: string;
    failStep: string;
    emptyStep: string;
    buildStep: string;
  } {
    const packageDir = join(work, 'pkg');
    write(join(packageDir, 'package.json'), JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }));
    write(join(packageDir, 'build', 'Release', 'better_sqlite3.node'), 'NODE ABI BUILD');
    const failStep = join(work, 'fail.js');
    write(failStep, 'process.exit(1);\n');
    const emptyStep = join(work, 'empty.js');
    write(emptyStep, 'process.exit(0);\n');
    const buildStep = join(work, 'build.js');
    write(
      buildStep,
      "const fs = require('fs'); fs.mkdirSync('build/Release', { recursive: true }); fs.writeFileSync('build/Release/better_sqlite3.node', 'ELECTRON ' + process.argv[2]);\n",
    );
    return {
      packageDir,
      outFile: join(work, NATIVE_DIR, 'better_sqlite3-45.5.0.node'),
      failStep,
      emptyStep,
      buildStep,
    };
  }

  it('falls back to the next step when one fails, and copies out what it built', () => {
    const { packageDir, outFile, failStep, buildStep } = setup();
    const result = prep.buildNativeCopy({
      packageDir,
      outFile,
      env: prep.nodeGypEnv(process.env),
      log: () => undefined,
      steps: [
        { label: 'prebuilt', script: failStep, args: [] },
        { label: 'compile', script: buildStep, args: ['abi150'] },
      ],
    });
    expect(result).toEqual({ ok: true, via: 'compile' });
    expect(readFileSync(outFile, 'utf8')).toBe('ELECTRON abi150');
    // The package's own (Node) build is untouched.
    expect(readFileSync(join(packageDir, 'build', 'Release', 'better_sqlite3.node'), 'utf8')).toBe(
      'NODE ABI BUILD',
    );
  });

  it('never mistakes the copied Node build for an Electron one', () => {
    const { packageDir, outFile, emptyStep, failStep } = setup();
    const result = prep.buildNativeCopy({
      packageDir,
      outFile,
      env: prep.nodeGypEnv(process.env),
      log: () => undefined,
      steps: [
        { label: 'prebuilt', script: emptyStep, args: [] },
        { label: 'compile', script: failStep, args: [] },
      ],
    });
    expect(result).toEqual({
      ok: false,
      message: 'prebuilt produced no build/Release/better_sqlite3.node; compile exited with 1',
    });
    expect(existsSync(outFile)).toBe(false);
  });

  it('says so when there is no step to run', () => {
    const { packageDir, outFile } = setup();
    expect(prep.buildNativeCopy({ packageDir, outFile, env: {}, log: () => undefined, steps: [] })).toEqual({
      ok: false,
      message: 'no way to build it was available',
    });
  });
});

describe('native build bookkeeping', () => {
  const stamp = {
    electronVersion: '45.5.0',
    betterSqlite3Version: '12.11.1',
    platform: 'linux',
    arch: 'x64',
  };

  it('treats a build as current only when its stamp matches (a file without stamp is trusted)', () => {
    const file = join(work, 'better_sqlite3-45.5.0.node');
    expect(prep.isNativeBuildCurrent(file, prep.nativeStamp(stamp))).toBe(false);
    write(file, 'binary');
    expect(prep.isNativeBuildCurrent(file, prep.nativeStamp(stamp))).toBe(true);
    write(`${file}.json`, JSON.stringify(stamp));
    expect(prep.isNativeBuildCurrent(file, prep.nativeStamp(stamp))).toBe(true);
    expect(
      prep.isNativeBuildCurrent(file, prep.nativeStamp({ ...stamp, betterSqlite3Version: '12.12.0' })),
    ).toBe(false);
    write(`${file}.json`, '{broken');
    expect(prep.isNativeBuildCurrent(file, prep.nativeStamp(stamp))).toBe(false);
  });

  it('copies a package without its build output or nested node_modules', () => {
    const from = join(work, 'pkg');
    write(join(from, 'binding.gyp'), '{}');
    write(join(from, 'src', 'a.cpp'), '');
    write(join(from, 'build', 'Release', 'better_sqlite3.node'), 'node abi');
    write(join(from, 'node_modules', 'x', 'index.js'), '');
    write(join(from, 'lib', 'build', 'kept.js'), '');
    prep.copyPackageSources(from, join(work, 'copy'));
    expect(snapshot(join(work, 'copy'))).toEqual([
      'binding.gyp',
      'lib',
      join('lib', 'build'),
      join('lib', 'build', 'kept.js'),
      'src',
      join('src', 'a.cpp'),
    ]);
  });

  it('prunes builds for other Electron versions and keeps everything else', () => {
    const dir = join(work, NATIVE_DIR);
    for (const name of [
      'better_sqlite3-44.0.0.node',
      'better_sqlite3-44.0.0.node.json',
      'better_sqlite3-45.5.0.node',
      'better_sqlite3-45.5.0.node.json',
      'README',
    ]) {
      write(join(dir, name), '');
    }
    expect(prep.pruneOtherBuilds(dir, join(dir, 'better_sqlite3-45.5.0.node')).sort()).toEqual([
      'better_sqlite3-44.0.0.node',
      'better_sqlite3-44.0.0.node.json',
    ]);
    expect(snapshot(dir)).toEqual([
      'README',
      'better_sqlite3-45.5.0.node',
      'better_sqlite3-45.5.0.node.json',
    ]);
  });
});

describe('main (what npm start runs)', () => {
  it('fails with exit code 1 and a clear message when the download fails, changing nothing', () => {
    const dir = fakeElectron(work, failingInstaller);
    const before = snapshot(work);
    expect(prep.main([], work)).toBe(1);
    expect(snapshot(work)).toEqual(before);
    const printed = vi.mocked(console.error).mock.calls.flat().join('\n');
    expect(printed).toContain('Could not download the Electron 45.5.0 binary');
    expect(printed).toContain('npm run web');
    expect(existsSync(join(dir, 'path.txt'))).toBe(false);
  });

  it('reports "not ready" with --check and never runs the installer', () => {
    fakeElectron(work, "require('fs').writeFileSync(require('path').join(__dirname, 'RAN'), '');");
    expect(prep.main(['--check'], work)).toBe(1);
    expect(existsSync(join(work, 'node_modules', 'electron', 'RAN'))).toBe(false);
  });

  it('after a successful download, stops at the native step when better-sqlite3 is not installed', () => {
    const dir = fakeElectron(work, workingInstaller);
    expect(prep.main([], work)).toBe(1);
    expect(prep.electronBinaryStatus(dir).installed).toBe(true);
    expect(vi.mocked(console.error).mock.calls.flat().join('\n')).toContain(
      'node_modules/better-sqlite3 is missing',
    );
  });

  it('succeeds without downloading or compiling when both are already in place', () => {
    const dir = fakeElectron(work, failingInstaller);
    installBinary(dir);
    write(
      join(work, 'node_modules', 'better-sqlite3', 'package.json'),
      JSON.stringify({ name: 'better-sqlite3', version: '12.11.1' }),
    );
    write(join(work, NATIVE_DIR, 'better_sqlite3-45.5.0.node'), 'electron abi build');
    expect(prep.main([], work)).toBe(0);
    expect(prep.main(['--check'], work)).toBe(0);
  });

  it('the real script, run as npm start runs it, exits non-zero here only when the binary is really missing', async () => {
    const { spawnSync } = await import('node:child_process');
    const real = prep.electronBinaryStatus(join(ROOT, 'node_modules', 'electron'));
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'prepare-electron.mjs'), '--check'], {
      encoding: 'utf8',
    });
    if (!real.installed) {
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('Electron binary not ready');
    } else {
      expect(run.stdout).toContain('binary present');
    }
  });
});

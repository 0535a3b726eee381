/** Tests for the helpers of scripts/prepare-electron.mjs (run by `npm start` / `npm run dist`). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { nativeBindingFileName, NATIVE_DIR } from './paths';
import {
  failingInstaller,
  fakeElectron,
  installBinary,
  loadPrepare,
  snapshot,
  write,
  type PrepareModule,
} from './prepare-electron.fixtures';

let prep: PrepareModule;
let work: string;

beforeAll(async () => {
  prep = await loadPrepare();
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

/**
 * scripts/prepare-electron.mjs end to end: getting the Electron build of better-sqlite3 through fallback steps,
 * and main() — what `npm start` runs — against fake project folders whose installer and build steps are small
 * stand-in scripts (failing like a machine without internet, or producing what the real tools produce).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { NATIVE_DIR } from './paths';
import {
  failingInstaller,
  fakeElectron,
  installBinary,
  loadPrepare,
  ROOT,
  snapshot,
  workingInstaller,
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

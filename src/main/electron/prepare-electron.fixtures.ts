/**
 * Shared fixtures for the tests of scripts/prepare-electron.mjs: its exported helpers' types, a loader, and
 * fake project folders (node_modules/electron as npm leaves it, with a small script standing in for Electron's
 * downloader). Used only by prepare-electron*.test.ts.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(__dirname, '..', '..', '..');

export interface BinaryStatus {
  installed: boolean;
  version: string | null;
  binaryPath: string | null;
  reason: string;
}
export interface PrepareModule {
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

export async function loadPrepare(): Promise<PrepareModule> {
  return (await import(pathToFileURL(join(ROOT, 'scripts', 'prepare-electron.mjs')).href)) as PrepareModule;
}

/** The executable path Electron's install.js writes to path.txt on this platform. */
export const ELECTRON_EXE =
  process.platform === 'win32'
    ? 'electron.exe'
    : process.platform === 'darwin'
      ? 'Electron.app/Contents/MacOS/Electron'
      : 'electron';

export function write(file: string, text: string): void {
  mkdirSync(resolve(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

/** node_modules/electron as npm leaves it (no binary), with a stand-in installer. */
export function fakeElectron(root: string, installer: string): string {
  const dir = join(root, 'node_modules', 'electron');
  write(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0' }));
  write(join(dir, 'install.js'), installer);
  return dir;
}

/** What Electron's install.js leaves behind on this platform after a successful download. */
export function installBinary(dir: string, version = '45.5.0'): void {
  const exe = ELECTRON_EXE;
  write(join(dir, 'dist', exe), '#!/bin/sh\n');
  write(join(dir, 'dist', 'version'), `v${version}`);
  write(join(dir, 'path.txt'), exe);
}

export const failingInstaller = "console.error('TypeError: fetch failed'); process.exit(1);\n";
export const workingInstaller = `
const fs = require('fs'), path = require('path');
const exe = ${JSON.stringify(process.platform === 'win32' ? 'electron.exe' : process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron')};
fs.mkdirSync(path.join(__dirname, 'dist', path.dirname(exe)), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'dist', exe), '');
fs.writeFileSync(path.join(__dirname, 'dist', 'version'), 'v45.5.0');
fs.writeFileSync(path.join(__dirname, 'path.txt'), exe);
`;

export function snapshot(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

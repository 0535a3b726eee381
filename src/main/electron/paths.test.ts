import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bundlePaths,
  documentationPath,
  nativeBindingFileName,
  sqliteNativeBindingPath,
  windowIconPath,
} from './paths';
import { startupFailureMessage, workspaceStartupMessage } from './startup-error';

const dev = { isPackaged: false, resourcesPath: '/ignored', repoRoot: '/src/vdc' };
const packaged = { isPackaged: true, resourcesPath: '/opt/VDC Studio/resources', repoRoot: '/ignored' };

describe('desktop paths', () => {
  it('finds the Electron build of better-sqlite3 in .electron-native (dev) or resources/native (packaged)', () => {
    expect(nativeBindingFileName('45.5.0')).toBe('better_sqlite3-45.5.0.node');
    expect(sqliteNativeBindingPath(dev, '45.5.0')).toBe(
      join('/src/vdc', '.electron-native', 'better_sqlite3-45.5.0.node'),
    );
    expect(sqliteNativeBindingPath(packaged, '45.5.0')).toBe(
      join('/opt/VDC Studio/resources', 'native', 'better_sqlite3-45.5.0.node'),
    );
  });

  it('derives the bundle files and the repo root from out/main', () => {
    expect(bundlePaths(join('/src/vdc', 'out', 'main'))).toEqual({
      preload: join('/src/vdc', 'out', 'preload', 'index.cjs'),
      indexHtml: join('/src/vdc', 'out', 'renderer', 'index.html'),
      repoRoot: '/src/vdc',
    });
  });

  it('puts the icon and the docs where electron-builder.yml extraResources puts them', () => {
    expect(windowIconPath(packaged)).toBe(join('/opt/VDC Studio/resources', 'icon.png'));
    expect(windowIconPath(dev)).toBe(join('/src/vdc', 'resources', 'icon.png'));
    expect(documentationPath(packaged)).toBe(join('/opt/VDC Studio/resources', 'docs'));
    expect(documentationPath(dev)).toBe(join('/src/vdc', 'docs'));
  });
});

describe('startupFailureMessage', () => {
  const abi = new Error(
    "The module 'better_sqlite3.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 150.",
  );

  it('tells a developer to run npm start when the Electron build was never made', () => {
    const text = startupFailureMessage(abi, {
      isPackaged: false,
      nativeBindingPath: '/src/vdc/.electron-native/x.node',
      nativeBindingFound: false,
    });
    expect(text).toContain('NODE_MODULE_VERSION 115');
    expect(text).toContain('npm start');
    expect(text).toContain('/src/vdc/.electron-native/x.node is missing');
  });

  it('tells a developer to delete a stale build that does not fit', () => {
    const text = startupFailureMessage(abi, {
      isPackaged: false,
      nativeBindingPath: '/p.node',
      nativeBindingFound: true,
    });
    expect(text).toContain('Delete the .electron-native folder');
  });

  it('tells a user of the installed app to reinstall', () => {
    const text = startupFailureMessage(abi, {
      isPackaged: true,
      nativeBindingPath: '/opt/x.node',
      nativeBindingFound: false,
    });
    expect(text).toContain('Reinstall VDC Studio');
    expect(text).not.toContain('npm');
  });

  it('adds no SQLite advice to unrelated failures when the module is present', () => {
    const text = startupFailureMessage('EACCES: permission denied, mkdir /data', {
      isPackaged: true,
      nativeBindingPath: '/opt/x.node',
      nativeBindingFound: true,
    });
    expect(text).toBe(
      'VDC Studio could not start its simulation service.\n\nEACCES: permission denied, mkdir /data',
    );
  });

  it('adds the same advice to a workspace that could not be opened at start', () => {
    const missing = {
      isPackaged: false,
      nativeBindingPath: '/src/vdc/.electron-native/x.node',
      nativeBindingFound: false,
    };
    expect(workspaceStartupMessage('The workspace could not be created: disk full', missing)).toContain(
      'npm start',
    );
    expect(
      workspaceStartupMessage('lab.vdc is not a VDC Studio workspace.', {
        ...missing,
        nativeBindingFound: true,
      }),
    ).toBe('lab.vdc is not a VDC Studio workspace.');
  });
});

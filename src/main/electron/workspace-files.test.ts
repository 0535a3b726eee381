import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureVdcExtension, workspacePathFromArgv } from './workspace-files';

describe('ensureVdcExtension', () => {
  it('appends .vdc unless present in any case', () => {
    expect(ensureVdcExtension('/home/ana/lab')).toBe('/home/ana/lab.vdc');
    expect(ensureVdcExtension('/home/ana/lab.vdc')).toBe('/home/ana/lab.vdc');
    expect(ensureVdcExtension('/home/ana/LAB.VDC')).toBe('/home/ana/LAB.VDC');
    expect(ensureVdcExtension('/home/ana/lab.v1')).toBe('/home/ana/lab.v1.vdc');
  });
});

describe('workspacePathFromArgv', () => {
  const cwd = '/home/ana';
  it('reads --workspace FILE and --workspace=FILE, resolved against the launch folder', () => {
    expect(workspacePathFromArgv(['--workspace', 'labs/a.vdc'], cwd)).toBe(resolve(cwd, 'labs/a.vdc'));
    expect(workspacePathFromArgv(['--workspace=/data/b.vdc'], cwd)).toBe('/data/b.vdc');
  });

  it('takes a double-clicked .vdc file among Chromium switches', () => {
    expect(workspacePathFromArgv(['--no-sandbox', '--inspect=0', '.', 'lab.vdc'], cwd)).toBe(
      resolve(cwd, 'lab.vdc'),
    );
    expect(workspacePathFromArgv(['C:\\Users\\ana\\Lab.VDC'], cwd)).toBe(
      resolve(cwd, 'C:\\Users\\ana\\Lab.VDC'),
    );
  });

  it('finds nothing in plain launches or with a dangling --workspace', () => {
    expect(workspacePathFromArgv([], cwd)).toBeNull();
    expect(workspacePathFromArgv(['.', '--remote-debugging-port=0'], cwd)).toBeNull();
    expect(workspacePathFromArgv(['--workspace'], cwd)).toBeNull();
    expect(workspacePathFromArgv(['--workspace', '--no-sandbox'], cwd)).toBeNull();
    expect(workspacePathFromArgv(['--workspace='], cwd)).toBeNull();
    expect(workspacePathFromArgv(['notes.txt'], cwd)).toBeNull();
  });
});

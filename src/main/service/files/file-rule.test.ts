/**
 * The file-write rule (docs/architecture.md "Files"): no API call writes, creates or opens a path the user did
 * not choose. Each attack of issue #21 finding 1 is replayed against the real service and real files.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VdcService } from '../vdc-service';
import { GrantStore } from './grants';
import { DownloadStore, safeFileName } from './downloads';
import { isAbsolutePathOn } from '../../../shared/files';

let dir: string;
let outside: string;
let svc: VdcService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-files-'));
  outside = join(dir, 'home');
  mkdirSync(outside);
  svc = await VdcService.start({ dataDir: join(dir, 'data'), shell: 'test', autoPlay: false });
});
afterEach(async () => {
  await svc.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const call = (method: string, params: unknown) => svc.call('t', method, params);
async function ok<T = Record<string, unknown>>(method: string, params: unknown): Promise<T> {
  const r = await call(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

describe('the API takes no path to write (issue #21 finding 1)', () => {
  it('refuses every destination path a client sends, and nothing is created', async () => {
    await ok('clock.step', { ticks: 3 });
    const bashrc = join(outside, '.bashrc');
    writeFileSync(bashrc, 'original\n');
    const attempts: [string, Record<string, unknown>][] = [
      ['recording.export', { path: bashrc, title: '$(touch PWNED)' }],
      ['report.generate', { format: 'html', path: join(outside, 'report.html') }],
      ['export.inventory', { format: 'csv', path: join(outside, 'inv') }],
      ['workspace.new', { path: join(outside, 'deep', 'w.vdc') }],
      ['workspace.saveAs', { path: join(outside, 'copy.vdc') }],
      [
        'import.apply',
        { files: [{ name: 'x.csv', base64: 'eA==' }], workspacePath: join(outside, 'deep2', 'i.vdc') },
      ],
      ['import.preview', { path: bashrc }],
    ];
    for (const [method, params] of attempts) {
      const r = await call(method, params);
      expect(r.ok, method).toBe(false);
      if (!r.ok) expect(r.error.code, method).toBe('BAD_REQUEST');
    }
    expect(readFileSync(bashrc, 'utf8')).toBe('original\n');
    expect(readdirSync(outside)).toEqual(['.bashrc']);
  });

  it("opens by path only the data folder's workspaces and recent ones", async () => {
    const victim = join(outside, 'notes.vdc');
    const r = await call('workspace.open', { path: victim });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('neither in the data folder');
    // The data folder's own workspaces (the browser console's Open list) open by path.
    const created = await ok<{ path: string }>('workspace.new', { scenarioId: 'edge', name: 'Second' });
    const list = await ok<{ path: string; name: string }[]>('workspace.list', {});
    expect(list.map((w) => w.name).sort()).toEqual(['Second', 'Small lab']);
    const first = list.find((w) => w.name === 'Small lab')!;
    expect(await ok<{ path: string }>('workspace.open', { path: first.path })).toMatchObject({
      path: first.path,
    });
    expect(await ok<{ path: string }>('workspace.open', { path: created.path })).toMatchObject({
      path: created.path,
    });
    // A path escaping the folder with ".." is outside.
    const escape = await call('workspace.open', {
      path: join(svc.workspacesDir, '..', '..', 'home', 'notes.vdc'),
    });
    expect(escape.ok).toBe(false);
  });

  it('accepts C:/x and \\\\srv\\x as absolute only on Windows', async () => {
    expect(isAbsolutePathOn('C:/x', 'linux')).toBe(false);
    expect(isAbsolutePathOn('\\\\srv\\x', 'darwin')).toBe(false);
    expect(isAbsolutePathOn('/x', 'linux')).toBe(true);
    expect(isAbsolutePathOn('C:/x', 'win32')).toBe(true);
    expect(isAbsolutePathOn('C:\\x', 'win32')).toBe(true);
    expect(isAbsolutePathOn('\\\\srv\\share', 'win32')).toBe(true);
    expect(isAbsolutePathOn('C:x', 'win32')).toBe(false);
    expect(isAbsolutePathOn('/x\0y', 'linux')).toBe(false);
    if (process.platform !== 'win32') {
      for (const p of ['C:/x', '\\\\srv\\x', 'C:\\x']) {
        const open = await call('workspace.open', { path: p });
        expect(open.ok || open.error.code, p).toBe('BAD_REQUEST');
        const cons = await call('consolidation.start', { workloadDir: p, policy: 'thr-mmt' });
        expect(cons.ok || cons.error.code, p).toBe('BAD_REQUEST');
      }
    }
  });
});

describe('grants: one path, one purpose, one use, expiring', () => {
  it('writes the report only through a grant, once; another purpose or a reused grant is refused', async () => {
    await ok('clock.step', { ticks: 3 });
    const target = join(outside, 'r.html');
    const grant = await svc.grantFile({ path: target, purpose: 'report' });
    const wrong = await call('recording.export', { grant });
    expect(wrong.ok || wrong.error.code).toBe('INVALID_ARGUMENT');
    const rep = await ok<{ path: string; bytes: number }>('report.generate', { format: 'html', grant });
    expect(rep.path).toBe(target);
    expect(readFileSync(target).byteLength).toBe(rep.bytes);
    const again = await call('report.generate', { format: 'html', grant });
    expect(again.ok || again.error.code).toBe('NOT_FOUND');
    const forged = await call('report.generate', { format: 'html', grant: `grant-${'0'.repeat(32)}` });
    expect(forged.ok || forged.error.code).toBe('NOT_FOUND');
  });

  it('never replaces an existing file unless the overwrite was confirmed', async () => {
    await ok('clock.step', { ticks: 3 });
    const target = join(outside, 'existing.html');
    writeFileSync(target, 'keep me');
    const r = await call('report.generate', {
      format: 'html',
      grant: await svc.grantFile({ path: target, purpose: 'report' }),
    });
    expect(r.ok || r.error.code).toBe('CONFLICT');
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    // Not through a symlink either: the link stays, its target is untouched.
    const victim = join(outside, 'victim');
    writeFileSync(victim, 'victim');
    symlinkSync(victim, join(outside, 'link.json'));
    const viaLink = await call('recording.export', {
      grant: await svc.grantFile({ path: join(outside, 'link.json'), purpose: 'recording' }),
    });
    expect(viaLink.ok || viaLink.error.code).toBe('CONFLICT');
    expect(readFileSync(victim, 'utf8')).toBe('victim');
    // Confirmed (the dialog's overwrite confirmation): replaced.
    await ok('report.generate', {
      format: 'html',
      grant: await svc.grantFile({ path: target, purpose: 'report', overwrite: true }),
    });
    expect(readFileSync(target, 'utf8')).toContain('<html');
    // No folder is ever created for a granted file.
    const deep = await call('report.generate', {
      format: 'html',
      grant: await svc.grantFile({ path: join(outside, 'no', 'such.html'), purpose: 'report' }),
    });
    expect(deep.ok || deep.error.code).toBe('NOT_FOUND');
    expect(existsSync(join(outside, 'no'))).toBe(false);
  });

  it('keeps a recording title inert: it is JSON data, nothing runs it', async () => {
    await ok('clock.step', { ticks: 3 });
    const title = '$(touch PWNED) `touch PWNED2` "; rm -rf / #';
    const target = join(outside, 'rec.json');
    const cwdBefore = readdirSync(process.cwd());
    await ok('recording.export', {
      title,
      grant: await svc.grantFile({ path: target, purpose: 'recording' }),
    });
    const written = JSON.parse(readFileSync(target, 'utf8')) as { title: { en: string } };
    expect(written.title.en).toBe(title);
    expect(readdirSync(process.cwd())).toEqual(cwdBefore);
    expect(readdirSync(outside).sort()).toEqual(['rec.json']);
  });

  it('exports the inventory to a granted file or folder, replacing nothing; imports into a granted workspace file', async () => {
    await ok('clock.step', { ticks: 3 });
    const xlsx = join(outside, 'inv.xlsx');
    const x = await ok<{ writtenTo: string[] }>('export.inventory', {
      format: 'xlsx',
      grant: await svc.grantFile({ path: xlsx, purpose: 'inventory' }),
    });
    expect(x.writtenTo).toEqual([xlsx]);
    expect(readFileSync(xlsx).subarray(0, 2).toString('latin1')).toBe('PK');
    const folder = join(outside, 'csv');
    mkdirSync(folder);
    writeFileSync(join(folder, 'RVTools_tabvHost.csv'), 'mine');
    const clash = await call('export.inventory', {
      format: 'csv',
      grant: await svc.grantFile({ path: folder, purpose: 'inventory.folder' }),
    });
    expect(clash.ok || clash.error.code).toBe('CONFLICT');
    expect(readdirSync(folder)).toEqual(['RVTools_tabvHost.csv']);
    expect(readFileSync(join(folder, 'RVTools_tabvHost.csv'), 'utf8')).toBe('mine');
    // Import the folder's files into a workspace file chosen in a dialog.
    rmSync(join(folder, 'RVTools_tabvHost.csv'));
    await ok('export.inventory', {
      format: 'csv',
      grant: await svc.grantFile({ path: folder, purpose: 'inventory.folder' }),
    });
    const target = join(outside, 'imported.vdc');
    const applied = await ok<{ workspace: { path: string } }>('import.apply', {
      grant: await svc.grantFile({ path: folder, purpose: 'import.source' }),
      workspaceGrant: await svc.grantFile({ path: target, purpose: 'workspace.new' }),
    });
    expect(applied.workspace.path).toBe(target);
    expect(existsSync(target)).toBe(true);
  });

  it('expires and never grants a relative path', () => {
    let now = 1_000;
    const store = new GrantStore(() => now, 60_000);
    const id = store.issue({ path: '/tmp/a.vdc', purpose: 'workspace.open' });
    expect(id).toMatch(/^grant-[0-9a-f]{32}$/);
    now += 60_000;
    const r = store.take(id, 'workspace.open', 'test');
    expect(r.ok || r.error.code).toBe('NOT_FOUND');
    expect(() => store.issue({ path: 'rel/a.vdc', purpose: 'report' })).toThrow(/absolute/);
    const a = store.issue({ path: '/tmp/b', purpose: 'report' });
    expect(store.take(a, 'report', 'test')).toMatchObject({
      ok: true,
      value: { path: '/tmp/b', overwrite: false },
    });
  });

  it('creates, saves and imports workspaces at granted files; Save As by name stays in the data folder', async () => {
    const chosen = join(outside, 'chosen.vdc');
    const created = await ok<{ path: string }>('workspace.new', {
      scenarioId: 'edge',
      grant: await svc.grantFile({ path: chosen, purpose: 'workspace.new' }),
    });
    expect(created.path).toBe(chosen);
    const copy = join(outside, 'copy.vdc');
    expect(
      await ok('workspace.saveAs', {
        grant: await svc.grantFile({ path: copy, purpose: 'workspace.saveAs' }),
      }),
    ).toMatchObject({ path: copy });
    const named = await ok<{ path: string }>('workspace.saveAs', { name: 'Plan B' });
    expect(named.path).toBe(join(svc.workspacesDir, 'Plan B.vdc'));
    await ok('workspace.open', { grant: await svc.grantFile({ path: chosen, purpose: 'workspace.open' }) });
    const clash = await call('workspace.saveAs', { name: 'Plan B' });
    expect(clash.ok).toBe(false);
    expect(await ok('workspace.saveAs', { name: 'Plan B', overwrite: true })).toMatchObject({
      path: named.path,
    });
    for (const bad of ['../x', 'a/b', '.hidden', 'C:evil']) {
      const r = await call('workspace.saveAs', { name: bad });
      expect(r.ok || r.error.code, bad).toBe('BAD_REQUEST');
    }
    // Recently opened files (chosen earlier in a dialog) reopen by path.
    expect(await ok('workspace.open', { path: copy })).toMatchObject({ path: copy });
  });
});

describe('uploaded workspaces (browser shell)', () => {
  async function upload(name: string, bytes: Buffer): Promise<string> {
    const begun = await ok<{ uploadId: string; chunkBytes: number }>('import.upload.begin', {
      files: [{ name, sizeBytes: bytes.length }],
    });
    for (let i = 0; i * begun.chunkBytes < bytes.length; i++)
      await ok('import.upload.chunk', {
        uploadId: begun.uploadId,
        fileIndex: 0,
        index: i,
        dataBase64: bytes.subarray(i * begun.chunkBytes, (i + 1) * begun.chunkBytes).toString('base64'),
      });
    return begun.uploadId;
  }

  it('stores an uploaded .vdc in the data folder under a free name and opens it; refuses anything else', async () => {
    await ok('clock.step', { ticks: 5 });
    const copy = join(outside, 'mine.vdc');
    await ok('workspace.saveAs', { grant: await svc.grantFile({ path: copy, purpose: 'workspace.saveAs' }) });
    await ok('workspace.new', { scenarioId: 'edge' }); // closes mine.vdc (checkpointed into the file)
    const opened = await ok<{ path: string }>('workspace.open', {
      uploadId: await upload('../../mine.vdc', readFileSync(copy)),
    });
    expect(opened.path).toBe(join(svc.workspacesDir, 'mine.vdc'));
    expect(svc.session!.engine.tick).toBe(5);
    // The same name again: a free name, nothing replaced.
    const again = await ok<{ path: string }>('workspace.open', {
      uploadId: await upload('mine.vdc', readFileSync(copy)),
    });
    expect(again.path).toBe(join(svc.workspacesDir, 'mine 2.vdc'));
    const before = readdirSync(svc.workspacesDir).sort();
    const junk = await call('workspace.open', {
      uploadId: await upload('junk.vdc', Buffer.from('not a database, just text')),
    });
    expect(junk.ok || junk.error.code).toBe('WORKSPACE_ERROR');
    const notVdc = await call('workspace.open', { uploadId: await upload('evil.sh', readFileSync(copy)) });
    expect(notVdc.ok || notVdc.error.code).toBe('INVALID_ARGUMENT');
    expect(readdirSync(svc.workspacesDir).sort()).toEqual(before);
  });
});

describe('downloads (browser shell)', () => {
  it('prepares a generated file once in a private folder and deletes what is never fetched', async () => {
    await ok('clock.step', { ticks: 3 });
    const rep = await ok<{ download: { id: string; name: string; url: string; bytes: number } }>(
      'report.generate',
      { format: 'pdf', download: true },
    );
    expect(rep.download).toMatchObject({ name: 'capacity-report.pdf', url: `/download/${rep.download.id}` });
    const file = await svc.takeDownload(rep.download.id);
    expect(file).not.toBeNull();
    expect(readFileSync(file!.file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(file!.bytes).toBe(rep.download.bytes);
    expect(await svc.takeDownload(rep.download.id)).toBeNull();
    const both = await call('report.generate', {
      download: true,
      grant: await svc.grantFile({ path: join(outside, 'r'), purpose: 'report' }),
    });
    expect(both.ok || both.error.code).toBe('BAD_REQUEST');

    let now = 0;
    const store = new DownloadStore(() => now, 1000);
    const d = store.add('../../etc/passwd', 'x', 'text/plain');
    expect(d.name).toBe('passwd');
    const f = join(store.folder!, d.id);
    expect(existsSync(f)).toBe(true);
    now = 1000;
    expect(store.take(d.id)).toBeNull();
    expect(existsSync(f)).toBe(false);
    store.dispose();
    expect(safeFileName('..\\a:b?.csv')).toBe('ab.csv');
  });

  it('refuses downloads in the desktop shell (it saves through dialogs)', async () => {
    const desk = await VdcService.start({ dataDir: join(dir, 'desk'), shell: 'electron', autoPlay: false });
    try {
      const r = await desk.call('t', 'recording.export', { download: true });
      expect(r.ok || r.error.code).toBe('NOT_SUPPORTED');
    } finally {
      await desk.dispose();
    }
  });
});

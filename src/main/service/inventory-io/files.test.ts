/**
 * Issue 21 finding 4: `import.preview` on a named pipe blocked the service forever, on /dev/zero it ate
 * memory at 190 MiB/s. Only regular files are read (fstat on the opened descriptor), and never beyond
 * the size limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filesFromPath } from './files';
import { MAX_IMPORT_BYTES } from './types';
import { GENERIC_TEMPLATE } from './generic';
import { VdcService } from '../vdc-service';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mkfifo = (path: string): void => {
  execFileSync('mkfifo', [path]);
};

describe('import files from a path', () => {
  it('refuses a named pipe without waiting for a writer', () => {
    const fifo = join(dir, 'pipe.csv');
    mkfifo(fifo);
    const r = filesFromPath(fifo);
    expect(r).toEqual({ ok: false, message: expect.stringContaining('is a named pipe, not a regular file') });
  });

  it('refuses a device such as /dev/zero before reading a byte', () => {
    expect(existsSync('/dev/zero'), '/dev/zero exists on Linux and macOS').toBe(true);
    const r = filesFromPath('/dev/zero');
    expect(r).toEqual({ ok: false, message: expect.stringContaining('is a device, not a regular file') });
  });

  it('refuses a pipe hidden in a folder of CSVs', () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.csv'), GENERIC_TEMPLATE);
    mkfifo(join(folder, 'b.csv'));
    const r = filesFromPath(folder);
    expect(r.ok ? 'read' : r.message).toContain('b.csv is a named pipe');
  });

  it('refuses a file above the limit from its size, and reads a regular file whole', () => {
    const big = join(dir, 'big.csv');
    writeFileSync(big, '');
    truncateSync(big, MAX_IMPORT_BYTES + 1); // sparse: nothing is written
    const r = filesFromPath(big);
    expect(r.ok ? 'read' : r.message).toContain(`up to ${MAX_IMPORT_BYTES / 2 ** 20} MiB`);
    const ok = join(dir, 'ok.csv');
    writeFileSync(ok, GENERIC_TEMPLATE);
    const read = filesFromPath(ok);
    expect(read.ok && Buffer.from(read.files[0]!.bytes).toString('utf8')).toBe(GENERIC_TEMPLATE);
  });

  it('the service answers import.preview on a pipe with an error naming it', async () => {
    const svc = await VdcService.start({ dataDir: join(dir, 'data'), shell: 'test', autoPlay: false });
    try {
      const fifo = join(dir, 'svc-pipe.xlsx');
      mkfifo(fifo);
      const r = await svc.call('t', 'import.preview', { path: fifo });
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('svc-pipe.xlsx is a named pipe'),
        },
      });
    } finally {
      await svc.dispose();
    }
  });
});

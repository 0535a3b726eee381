import { describe, expect, it } from 'vitest';
import { UploadError, UploadStore } from './uploads';

/** A store with small limits (10-byte chunks, 35-byte uploads) and a clock the test moves. */
function store() {
  let nowMs = 1_000_000;
  const s = new UploadStore(() => nowMs, {
    chunkBytes: 10,
    maxBytes: 35,
    idleTimeoutSec: 60,
    maxOpenUploads: 2,
  });
  return { s, advanceSec: (sec: number) => (nowMs += sec * 1000) };
}
const b64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');
const errOf = (fn: () => unknown): UploadError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof UploadError) return e;
    throw e;
  }
  throw new Error('expected an UploadError');
};

describe('UploadStore', () => {
  it('reassembles files sent in order, 10 bytes per chunk, the last one short', () => {
    const { s } = store();
    const text = 'abcdefghij0123456789xyz'; // 23 bytes → chunks of 10, 10, 3
    const b = s.begin('c1', [
      { name: 'a.csv', sizeBytes: 23 },
      { name: 'b.csv', sizeBytes: 2 },
    ]);
    expect(b.chunks).toEqual([3, 1]);
    expect(b).toMatchObject({ receivedBytes: 0, totalBytes: 25, complete: false, chunkBytes: 10 });
    s.chunk('c1', b.uploadId, 0, 0, b64(text.slice(0, 10)));
    s.chunk('c1', b.uploadId, 1, 0, b64('ok'));
    s.chunk('c1', b.uploadId, 0, 1, b64(text.slice(10, 20)));
    const last = s.chunk('c1', b.uploadId, 0, 2, b64(text.slice(20)));
    expect(last).toMatchObject({ receivedBytes: 25, totalBytes: 25, complete: true });
    const files = s.files('c1', b.uploadId);
    expect(files.map((f) => [f.name, Buffer.from(f.bytes).toString('latin1')])).toEqual([
      ['a.csv', text],
      ['b.csv', 'ok'],
    ]);
  });

  it('refuses an upload above the limit at begin, naming the limit; nothing is held', () => {
    const { s } = store();
    const e = errOf(() => s.begin('c1', [{ name: 'huge.xlsx', sizeBytes: 36 }]));
    expect(e.code).toBe('PAYLOAD_TOO_LARGE');
    expect(e.message).toContain('huge.xlsx');
    expect(e.message).toContain('(35 bytes)');
    expect(e.details).toEqual({ limitBytes: 35, sizeBytes: 36 });
    const e2 = errOf(() =>
      s.begin('c1', [
        { name: 'a.csv', sizeBytes: 20 },
        { name: 'b.csv', sizeBytes: 16 },
      ]),
    );
    expect(e2.message).toMatch(/These 2 files are .* together/);
    expect(s.size).toBe(0);
  });

  it('refuses out-of-order, oversized, short, past-the-end and foreign chunks, and keeps what it had', () => {
    const { s } = store();
    const { uploadId } = s.begin('c1', [{ name: 'a.csv', sizeBytes: 15 }]);
    expect(errOf(() => s.chunk('c1', uploadId, 0, 1, b64('0123456789'))).message).toContain(
      'expected chunk 0, got 1',
    );
    expect(errOf(() => s.chunk('c1', uploadId, 0, 0, b64('0123456789A'))).message).toContain(
      'holds 11 bytes; expected 10',
    );
    expect(errOf(() => s.chunk('c1', uploadId, 0, 0, b64('012345678'))).message).toContain(
      'holds 9 bytes; expected 10',
    );
    expect(errOf(() => s.chunk('c1', uploadId, 0, 2, b64('01234'))).message).toContain('past its end');
    expect(errOf(() => s.chunk('c1', uploadId, 3, 0, b64('01234'))).message).toContain('there is no file 3');
    expect(errOf(() => s.chunk('other-client', uploadId, 0, 0, b64('0123456789'))).code).toBe('NOT_FOUND');
    expect(errOf(() => s.chunk('c1', 'upl-000000000000000000000000', 0, 0, b64('0123456789'))).code).toBe(
      'NOT_FOUND',
    );
    // Nothing of the refused chunks was kept: the first good chunk is still chunk 0.
    expect(s.chunk('c1', uploadId, 0, 0, b64('0123456789')).receivedBytes).toBe(10);
    expect(errOf(() => s.files('c1', uploadId)).code).toBe('INVALID_STATE');
    s.chunk('c1', uploadId, 0, 1, b64('abcde'));
    expect(errOf(() => s.chunk('c1', uploadId, 0, 1, b64('abcde'))).message).toContain(
      'a.csv is already complete',
    );
    expect(Buffer.from(s.files('c1', uploadId)[0]!.bytes).toString()).toBe('0123456789abcde');
  });

  it('frees uploads after the idle timeout on its clock, on cancel, and bounds how many are open', () => {
    const { s, advanceSec } = store();
    const a = s.begin('c1', [{ name: 'a.csv', sizeBytes: 5 }]);
    const b = s.begin('c1', [{ name: 'b.csv', sizeBytes: 5 }]);
    expect(errOf(() => s.begin('c1', [{ name: 'c.csv', sizeBytes: 5 }])).code).toBe('CONFLICT');
    advanceSec(59);
    s.chunk('c1', b.uploadId, 0, 0, b64('hello')); // b is used; a is not
    advanceSec(2); // a idle for 61 s, b for 2 s
    expect(errOf(() => s.chunk('c1', a.uploadId, 0, 0, b64('hello'))).code).toBe('NOT_FOUND');
    expect(s.size).toBe(1);
    expect(s.files('c1', b.uploadId)).toHaveLength(1);
    s.free('c1', b.uploadId);
    expect(s.size).toBe(0);
    expect(errOf(() => s.free('c1', b.uploadId)).code).toBe('NOT_FOUND');
  });
});

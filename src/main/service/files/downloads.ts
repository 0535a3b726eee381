/**
 * Files prepared for one browser download: written into a private temp folder (mode 0700, under the OS temp
 * folder), handed once to the browser shell (takeDownload), which streams and deletes them; anything not
 * fetched within the expiry is deleted. Ids are random; names are made safe for Content-Disposition.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DownloadRef } from '../../../shared/files';

export interface DownloadFile {
  /** Where the bytes are (inside the private folder); the taker deletes it when done. */
  file: string;
  name: string;
  mime: string;
  bytes: number;
}

export const DOWNLOAD_TTL_MS = 10 * 60_000;
const MAX_PENDING = 50;

/** A file name safe on every OS and in a header: no folders, no control or reserved characters. */
export function safeFileName(name: string, fallback = 'download'): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
    .replace(/[\u0000-\u001f\u007f<>:"|?*]+/g, '')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 150);
  return clean || fallback;
}

export const DOWNLOAD_ID = /^dl-[0-9a-f]{32}$/;

export class DownloadStore {
  private dir: string | null = null;
  private readonly pending = new Map<string, DownloadFile & { expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = DOWNLOAD_TTL_MS,
  ) {}

  /** Writes the bytes into the private folder and answers the reference a client fetches once. */
  add(name: string, data: Uint8Array | string, mime: string): DownloadRef {
    this.sweep();
    while (this.pending.size >= MAX_PENDING) {
      const oldest = this.pending.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
    this.dir ??= mkdtempSync(join(tmpdir(), 'vdc-downloads-'));
    const id = `dl-${randomBytes(16).toString('hex')}`;
    const file = join(this.dir, id);
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' });
    const safe = safeFileName(name);
    this.pending.set(id, {
      file,
      name: safe,
      mime,
      bytes: bytes.byteLength,
      expiresAt: this.now() + this.ttlMs,
    });
    return { id, name: safe, bytes: bytes.byteLength, url: `/download/${id}` };
  }

  /** Hands a prepared file over once (the caller streams and deletes it); null when unknown or expired. */
  take(id: string): DownloadFile | null {
    this.sweep();
    const d = this.pending.get(id);
    if (!d) return null;
    this.pending.delete(id);
    return { file: d.file, name: d.name, mime: d.mime, bytes: d.bytes };
  }

  get size(): number {
    this.sweep();
    return this.pending.size;
  }

  get folder(): string | null {
    return this.dir;
  }

  dispose(): void {
    this.pending.clear();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  private drop(id: string): void {
    const d = this.pending.get(id);
    this.pending.delete(id);
    if (d) rmSync(d.file, { force: true });
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, d] of this.pending) if (d.expiresAt <= t) this.drop(id);
  }
}

/**
 * Chunked uploads of import files (import.upload.*): the console declares the files and their sizes, sends
 * them in fixed-size chunks in order, then previews or applies the import by upload id. Files above the
 * limit are refused at `begin`, before any byte is sent. Uploads belong to the client that began them and
 * are freed after a successful apply, on cancel, or after `idleTimeoutSec` without activity, measured on
 * the service's wall clock (injected, so tests can move it). Nothing here creates anything: it only holds
 * bytes until the import reads them.
 */
import { randomBytes } from 'node:crypto';
import { IMPORT_LIMITS } from '../../../shared/import-limits';
import type { ErrorCode } from '../../../shared/errors';
import type { InputFile } from './types';

export interface UploadLimits {
  maxBytes: number;
  chunkBytes: number;
  idleTimeoutSec: number;
  maxOpenUploads: number;
}

export class UploadError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

interface UploadFile {
  name: string;
  sizeBytes: number;
  chunks: Buffer[];
  receivedBytes: number;
}

interface Upload {
  id: string;
  clientId: string;
  files: UploadFile[];
  lastActiveMs: number;
}

export interface UploadState {
  uploadId: string;
  receivedBytes: number;
  totalBytes: number;
  complete: boolean;
}

const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

export class UploadStore {
  private readonly uploads = new Map<string, Upload>();
  readonly limits: UploadLimits;

  constructor(
    private readonly now: () => number = () => Date.now(),
    limits: Partial<UploadLimits> = {},
  ) {
    this.limits = { ...IMPORT_LIMITS, ...limits };
  }

  /** Number of uploads held right now (after freeing expired ones). */
  get size(): number {
    this.sweep();
    return this.uploads.size;
  }

  begin(
    clientId: string,
    files: { name: string; sizeBytes: number }[],
  ): UploadState & { chunkBytes: number; chunks: number[]; idleTimeoutSec: number } {
    this.sweep();
    const { maxBytes, chunkBytes, maxOpenUploads, idleTimeoutSec } = this.limits;
    const total = files.reduce((a, f) => a + f.sizeBytes, 0);
    if (total > maxBytes) {
      const big = [...files].sort((a, b) => b.sizeBytes - a.sizeBytes)[0]!;
      const what =
        files.length === 1
          ? `${big.name} is ${mib(total)}`
          : `These ${files.length} files are ${mib(total)} together (${big.name}: ${mib(big.sizeBytes)})`;
      throw new UploadError(
        'PAYLOAD_TOO_LARGE',
        `${what}; the import accepts at most ${maxBytes / 2 ** 20} MiB (${maxBytes} bytes). Nothing was uploaded or imported. Export fewer tabs from RVTools (vInfo, vHost, vCluster, vDatastore suffice) or split the inventory.`,
        { limitBytes: maxBytes, sizeBytes: total },
      );
    }
    if (this.uploads.size >= maxOpenUploads) {
      throw new UploadError(
        'CONFLICT',
        `${this.uploads.size} uploads are already in progress; finish or cancel one first (an upload is freed ${idleTimeoutSec / 60} minutes after its last use).`,
      );
    }
    const id = `upl-${randomBytes(12).toString('hex')}`;
    this.uploads.set(id, {
      id,
      clientId,
      files: files.map((f) => ({ name: f.name, sizeBytes: f.sizeBytes, chunks: [], receivedBytes: 0 })),
      lastActiveMs: this.now(),
    });
    return {
      ...this.state(this.uploads.get(id)!),
      chunkBytes,
      chunks: files.map((f) => Math.ceil(f.sizeBytes / chunkBytes)),
      idleTimeoutSec,
    };
  }

  /** Appends chunk `index` of file `fileIndex`; a bad chunk is refused and changes nothing. */
  chunk(
    clientId: string,
    uploadId: string,
    fileIndex: number,
    index: number,
    dataBase64: string,
  ): UploadState {
    const u = this.get(clientId, uploadId);
    const f = u.files[fileIndex];
    if (!f)
      throw new UploadError(
        'INVALID_ARGUMENT',
        `Upload ${uploadId} has ${u.files.length} file(s); there is no file ${fileIndex}.`,
      );
    const { chunkBytes } = this.limits;
    const count = Math.ceil(f.sizeBytes / chunkBytes);
    if (index >= count)
      throw new UploadError(
        'INVALID_ARGUMENT',
        `${f.name} (${f.sizeBytes} bytes) has ${count} chunk(s) of ${chunkBytes} bytes; chunk ${index} is past its end.`,
      );
    if (index !== f.chunks.length) {
      throw new UploadError(
        'INVALID_ARGUMENT',
        f.chunks.length === count
          ? `${f.name} is already complete.`
          : `Chunks of ${f.name} must arrive in order: expected chunk ${f.chunks.length}, got ${index}.`,
        { expected: f.chunks.length },
      );
    }
    const bytes = Buffer.from(dataBase64, 'base64');
    const expected = Math.min(chunkBytes, f.sizeBytes - index * chunkBytes);
    if (bytes.length !== expected) {
      throw new UploadError(
        'INVALID_ARGUMENT',
        `Chunk ${index} of ${f.name} holds ${bytes.length} bytes; expected ${expected} (every chunk but the last holds ${chunkBytes} bytes, and the file was declared as ${f.sizeBytes} bytes).`,
      );
    }
    f.chunks.push(bytes);
    f.receivedBytes += bytes.length;
    u.lastActiveMs = this.now();
    return this.state(u);
  }

  /** The complete files of an upload, for the import to read; refuses an unfinished upload. */
  files(clientId: string, uploadId: string): InputFile[] {
    const u = this.get(clientId, uploadId);
    const missing = u.files.find((f) => f.receivedBytes < f.sizeBytes);
    if (missing) {
      throw new UploadError(
        'INVALID_STATE',
        `Upload ${uploadId} is not complete: ${missing.name} has ${missing.receivedBytes} of ${missing.sizeBytes} bytes. Send the remaining chunks first.`,
      );
    }
    u.lastActiveMs = this.now();
    return u.files.map((f) => {
      if (f.chunks.length > 1) f.chunks = [Buffer.concat(f.chunks)];
      const b = f.chunks[0]!;
      return { name: f.name, bytes: new Uint8Array(b.buffer, b.byteOffset, b.byteLength) };
    });
  }

  /** Frees an upload (after a successful import, or on cancel). */
  free(clientId: string, uploadId: string): void {
    this.get(clientId, uploadId);
    this.uploads.delete(uploadId);
  }

  /** Frees an upload if it is still held (after an import that used it). */
  release(uploadId: string): void {
    this.uploads.delete(uploadId);
  }

  /** Frees every upload a client held (it disconnected: a closed tab or window). */
  releaseClient(clientId: string): void {
    for (const [id, u] of this.uploads) if (u.clientId === clientId) this.uploads.delete(id);
  }

  private get(clientId: string, uploadId: string): Upload {
    this.sweep();
    const u = this.uploads.get(uploadId);
    if (!u || u.clientId !== clientId) {
      throw new UploadError(
        'NOT_FOUND',
        `Upload ${uploadId} does not exist or has expired (uploads are freed ${this.limits.idleTimeoutSec / 60} minutes after their last use, after an import and on cancel). Choose the file again.`,
      );
    }
    return u;
  }

  private sweep(): void {
    const cutoff = this.now() - this.limits.idleTimeoutSec * 1000;
    for (const [id, u] of this.uploads) if (u.lastActiveMs <= cutoff) this.uploads.delete(id);
  }

  private state(u: Upload): UploadState {
    const receivedBytes = u.files.reduce((a, f) => a + f.receivedBytes, 0);
    const totalBytes = u.files.reduce((a, f) => a + f.sizeBytes, 0);
    return { uploadId: u.id, receivedBytes, totalBytes, complete: receivedBytes === totalBytes };
  }
}

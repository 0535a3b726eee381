/**
 * Limits of the inventory import (import.upload.*, import.preview, import.apply). Import-free, so the
 * console can use them without bundling the schemas. A file (or the files of one upload together) above
 * `maxBytes` is refused before any byte is read or sent. The console uploads files in chunks of
 * `chunkBytes` (each request stays well under the transports' 1 MB payload limit); an upload not used for
 * `idleTimeoutSec` is freed.
 */
export const IMPORT_LIMITS = {
  maxBytes: 64 * 1024 * 1024,
  chunkBytes: 512 * 1024,
  maxFiles: 20,
  idleTimeoutSec: 600,
  /** Uploads held at once by the service (each up to maxBytes). */
  maxOpenUploads: 4,
} as const;

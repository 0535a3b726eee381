/** Sends one file to the service in chunks (import.upload.*), read from disk one chunk at a time; answers the upload id. */
import type { Api } from '@renderer/api';
import type { ApiResult } from '@shared/errors';

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export async function uploadFile(api: Api, file: File): Promise<ApiResult<string>> {
  const begun = await api.call('import.upload.begin', { files: [{ name: file.name, sizeBytes: file.size }] });
  if (!begun.ok) return begun;
  const { uploadId, chunkBytes } = begun.value;
  for (let index = 0; index * chunkBytes < file.size; index++) {
    const start = index * chunkBytes;
    const dataBase64 = toBase64(await file.slice(start, start + chunkBytes).arrayBuffer());
    const r = await api.call('import.upload.chunk', { uploadId, fileIndex: 0, index, dataBase64 });
    if (!r.ok) {
      void api.call('import.upload.cancel', { uploadId });
      return r;
    }
  }
  return { ok: true, value: uploadId };
}

/**
 * The console's one way to hand the user a file (works in the browser shell and in Electron): a
 * temporary link with `download`, to an object URL released once the click has been handled, or to a
 * file the server prepared (`api.download`, GET /download/<id>).
 */

/** Saves a data:, blob: or same-origin download URL as `filename`. */
export function downloadUrl(url: string, filename: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Saves bytes or text as `filename` with the given MIME type. */
export function downloadBlob(data: BlobPart, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  downloadUrl(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves text (CSV by default) as `filename`. */
export function downloadText(text: string, filename: string, type = 'text/csv'): void {
  downloadBlob(text, filename, type);
}

/** Saves base64-encoded bytes (as the API returns PDFs and workbooks) as `filename`. */
export function downloadBase64(b64: string, filename: string, type: string): void {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  downloadBlob(bytes, filename, type);
}

/** A file name from free text: runs of anything but letters, digits, _ . - become _, at most 80 characters. */
export function safeFileName(s: string): string {
  return s.replace(/[^\w.-]+/g, '_').slice(0, 80);
}

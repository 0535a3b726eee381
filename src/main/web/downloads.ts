/**
 * GET /download/<id>?token=…: streams a file the service prepared for one download (report, export,
 * recording, CSV) as an attachment, deleting it as soon as it is open. Wrong token, unknown, used or expired ids get 404/403
 * and reveal nothing. The file lives in the service's private temp folder; the id is all a client knows.
 */
import { createReadStream, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VdcServiceApi } from '../service/service-api';

const ID = /^\/download\/(dl-[0-9a-f]{32})$/;

/** `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'download';
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export async function serveDownload(
  service: Pick<VdcServiceApi, 'takeDownload'>,
  tokenOk: (given: string) => boolean,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method !== 'GET') {
    res.writeHead(405, { Allow: 'GET' }).end();
    return;
  }
  if (!tokenOk(url.searchParams.get('token') ?? '')) {
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden');
    return;
  }
  const m = ID.exec(url.pathname);
  const file = m?.[1] ? await service.takeDownload(m[1]) : null;
  if (!file) {
    res
      .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end('This download is unknown, already fetched or expired. Generate it again.');
    return;
  }
  res.writeHead(200, {
    'Content-Type': file.mime,
    'Content-Length': file.bytes,
    'Content-Disposition': contentDisposition(file.name),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Referrer-Policy': 'no-referrer',
  });
  const stream = createReadStream(file.file);
  const cleanup = () => {
    try {
      rmSync(file.file, { force: true });
    } catch {
      // Windows cannot delete a file that is open: the 'close' cleanup below deletes it then.
    }
  };
  // Deleted as soon as it is open, before its first byte is sent (the open stream still reads it): once a
  // client has the file, it is gone from the folder — not some time after the response ended.
  stream.once('open', cleanup);
  stream.on('error', () => {
    cleanup();
    res.destroy();
  });
  res.on('close', cleanup);
  stream.pipe(res);
}

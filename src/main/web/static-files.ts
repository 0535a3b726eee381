/** Serves the built console (out/renderer) with safe paths, content types and security headers. */
import { createReadStream, lstatSync, realpathSync, type Stats } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** The same policy as the desktop shell, plus the WebSocket endpoint of this server. */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Resolves a URL path inside `root`, or null when it would escape it. */
export function safePath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const full = resolve(root, rel);
  const rootResolved = resolve(root);
  if (full !== rootResolved && !full.startsWith(rootResolved + sep)) return null;
  return full;
}

export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let file = safePath(root, req.url ?? '/');
  if (!file) {
    res.writeHead(400).end('Bad path');
    return;
  }
  let stat = statInsideRoot(root, file);
  if (!stat || stat.isDirectory()) {
    // Unknown paths get the console itself (client-side routes); assets that do not exist get 404.
    if (extname(file)) {
      res.writeHead(404).end('Not found');
      return;
    }
    file = join(root, 'index.html');
    stat = statInsideRoot(root, file);
    if (!stat) {
      res.writeHead(500).end('The console is not built. Run "npm run build" first.');
      return;
    }
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': stat.size,
    'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'public, max-age=3600',
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

/**
 * The file's own stats when it is a plain file or folder whose real path is inside `root`; null for
 * anything missing, any symlink (the file or a folder on the way) and anything else outside the root.
 */
export function statInsideRoot(root: string, file: string): Stats | null {
  try {
    const st = lstatSync(file);
    if (st.isSymbolicLink() || !(st.isFile() || st.isDirectory())) return null;
    const realRoot = realpathSync(root);
    const real = realpathSync(file);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    // realpath equal to the resolved path means no folder on the way is a link either.
    if (real !== join(realRoot, relative(resolve(root), resolve(file)))) return null;
    return st;
  } catch {
    return null;
  }
}

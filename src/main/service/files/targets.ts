/** Where a file-producing method's output goes: inline, a granted file, or a browser download. */
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';
import type { DownloadRef, GrantPurpose } from '../../../shared/files';
import type { DownloadStore } from './downloads';
import type { GrantStore, Granted } from './grants';
import { writeGrantedFile } from './write';

export type FileTarget = { kind: 'inline' } | { kind: 'grant'; granted: Granted } | { kind: 'download' };

export interface FileAccess {
  grants: GrantStore;
  downloads: DownloadStore;
  options: { shell: 'electron' | 'web' | 'cli' | 'test' };
}

/** Resolves (and uses up) the target named by a method's params. */
export function fileTarget(
  svc: FileAccess,
  p: { grant?: string | undefined; download?: boolean | undefined },
  purpose: GrantPurpose,
  where: string,
): ApiResult<FileTarget> {
  if (p.grant !== undefined) {
    const g = svc.grants.take(p.grant, purpose, where);
    return g.ok ? apiOk({ kind: 'grant', granted: g.value }) : g;
  }
  if (p.download === true) {
    if (svc.options.shell !== 'web' && svc.options.shell !== 'test')
      return apiErr(
        'NOT_SUPPORTED',
        `${where}: downloads are served by the browser shell; here, save through a file dialog.`,
      );
    return apiOk({ kind: 'download' });
  }
  return apiOk({ kind: 'inline' });
}

/** Writes `data` to a granted file or prepares it as a download. */
export function deliver(
  svc: FileAccess,
  target: { kind: 'grant'; granted: Granted } | { kind: 'download' },
  name: string,
  data: Uint8Array | string,
  mime: string,
  where: string,
): ApiResult<{ path: string | null; download?: DownloadRef }> {
  if (target.kind === 'download') return apiOk({ path: null, download: svc.downloads.add(name, data, mime) });
  const w = writeGrantedFile(target.granted, data, where);
  return w.ok ? apiOk({ path: w.value.path }) : w;
}

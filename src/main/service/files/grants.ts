/**
 * One-use file grants: the only way a client of the API names a file the service reads or writes (see
 * src/shared/files.ts). A shell issues a grant after the user chose the path in a native dialog (desktop) or
 * gave it as an argument; the grant is a random id bound to that one path and one purpose, used once, and
 * expires. Issuing is not an API method: only the shell holding the service object can do it.
 */
import { randomBytes } from 'node:crypto';
import { isAbsolute, normalize } from 'node:path';
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';
import type { GrantPurpose } from '../../../shared/files';

export interface GrantRequest {
  path: string;
  purpose: GrantPurpose;
  /** The user confirmed replacing an existing file (the dialog's overwrite confirmation, or --force). */
  overwrite?: boolean;
}

export interface Granted {
  path: string;
  purpose: GrantPurpose;
  overwrite: boolean;
}

/** Five minutes: enough to finish a dialog's follow-up call, short enough not to linger. */
export const GRANT_TTL_MS = 5 * 60_000;
const MAX_GRANTS = 200;

export class GrantStore {
  private readonly grants = new Map<string, Granted & { expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = GRANT_TTL_MS,
  ) {}

  /** Issues a grant for an absolute path; throws on a relative one (a shell bug, not user input). */
  issue(req: GrantRequest): string {
    if (!isAbsolute(req.path) || req.path.includes('\0'))
      throw new Error(`A file grant needs an absolute path, got "${req.path}".`);
    this.sweep();
    if (this.grants.size >= MAX_GRANTS) {
      const oldest = this.grants.keys().next().value;
      if (oldest !== undefined) this.grants.delete(oldest);
    }
    const id = `grant-${randomBytes(16).toString('hex')}`;
    this.grants.set(id, {
      path: normalize(req.path),
      purpose: req.purpose,
      overwrite: req.overwrite === true,
      expiresAt: this.now() + this.ttlMs,
    });
    return id;
  }

  /** Uses a grant up (one use) for `purpose`; a grant of another purpose is refused and stays unused. */
  take(id: string, purpose: GrantPurpose, where: string): ApiResult<Granted> {
    this.sweep();
    const g = this.grants.get(id);
    if (!g)
      return apiErr(
        'NOT_FOUND',
        `${where}: the file permission "${id.slice(0, 14)}…" is unknown, already used or expired; choose the file again.`,
      );
    if (g.purpose !== purpose)
      return apiErr(
        'INVALID_ARGUMENT',
        `${where}: this file permission was given for ${g.purpose}, not for ${purpose}; choose the file again.`,
      );
    this.grants.delete(id);
    return apiOk({ path: g.path, purpose: g.purpose, overwrite: g.overwrite });
  }

  get size(): number {
    this.sweep();
    return this.grants.size;
  }

  private sweep(): void {
    const t = this.now();
    for (const [id, g] of this.grants) if (g.expiresAt <= t) this.grants.delete(id);
  }
}

/** Field checks shared by the wizards. Each returns an i18n key (with params) or null. */
export type Problem = { key: string; params?: Record<string, unknown> } | null;

export const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function checkName(name: string, taken: (n: string) => boolean): Problem {
  const s = name.trim();
  if (!s) return { key: 'wizard.err.required' };
  if (s.length > 80) return { key: 'wizard.err.tooLong', params: { max: 80 } };
  if (!NAME_RE.test(s)) return { key: 'wizard.err.nameChars' };
  if (taken(s)) return { key: 'wizard.err.nameTaken', params: { name: s } };
  return null;
}

export function checkInt(v: number | null, min: number, max: number): Problem {
  if (v === null || !Number.isFinite(v)) return { key: 'wizard.err.required' };
  if (!Number.isInteger(v)) return { key: 'wizard.err.integer' };
  if (v < min || v > max) return { key: 'wizard.err.range', params: { min, max } };
  return null;
}

export function checkNum(v: number | null, min: number, max: number): Problem {
  if (v === null || !Number.isFinite(v)) return { key: 'wizard.err.required' };
  if (v < min || v > max) return { key: 'wizard.err.range', params: { min, max } };
  return null;
}

/** Reservation must not exceed limit (when both set) nor the configured size. */
export function checkReservation(res: number | null, limit: number | null, size: number): Problem {
  if (res === null || res === 0) return null;
  if (res < 0) return { key: 'wizard.err.range', params: { min: 0, max: size } };
  if (limit !== null && res > limit) return { key: 'wizard.err.resAboveLimit' };
  if (res > size) return { key: 'wizard.err.resAboveSize', params: { max: size } };
  return null;
}

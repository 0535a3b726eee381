/** Formatting helpers for capacities (units in field names: MiB, GiB, MHz…). */
export function humanizeKey(key: string): string {
  const s = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Picks the first numeric field of `o` among `names`. */
export function pickNum(o: Record<string, unknown> | null | undefined, ...names: string[]): number | null {
  if (!o) return null;
  for (const n of names) {
    const v = o[n];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

export function pickStr(o: Record<string, unknown> | null | undefined, ...names: string[]): string | null {
  if (!o) return null;
  for (const n of names) {
    const v = o[n];
    if (typeof v === 'string') return v;
  }
  return null;
}

/** Reads a possibly nested path like "capacity.cpuMHz". */
export function at(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const p of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

export function num(o: unknown, ...paths: string[]): number | null {
  for (const p of paths) {
    const v = at(o, p);
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

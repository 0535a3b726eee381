/** Formatting helpers for property names (units in field names: MiB, GiB, MHz…). */
export function humanizeKey(key: string): string {
  const s = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

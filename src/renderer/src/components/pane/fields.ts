/** Labels and display values of describe `properties` (translated field names, ids shown as names, times as dates). */
import { humanizeKey } from './format';

type T = (k: string, p?: Record<string, unknown>) => string;
type Te = (k: string) => boolean;

/** "disk0.sizeGiB" → "Disk 1 · Size (GiB)"; known keys come from i18n `field.*`. */
export function fieldLabel(key: string, t: T, te: Te): string {
  const disk = /^disk(\d+)\.(.+)$/.exec(key);
  if (disk) {
    const sub = `field.disk_${disk[2]}`;
    return `${t('field.diskN', { n: Number(disk[1]) + 1 })} · ${te(sub) ? t(sub) : humanizeKey(disk[2] ?? '')}`;
  }
  const k = `field.${key}`;
  return te(k) ? t(k) : humanizeKey(key);
}

export function isTimeField(key: string): boolean {
  return /(AtSec|SinceSec)$/.test(key);
}

export function isIdField(key: string): boolean {
  return /(Id|To)$/.test(key) && key !== 'kind';
}

/** Labels and display values of describe `properties` (translated field names, ids shown as names, times as dates). */
import { ID_PROPERTY_KEYS, TIME_PROPERTY_KEYS, type VmDiskView } from '@shared/schemas/views';
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

const TIME_KEYS = new Set<string>(TIME_PROPERTY_KEYS);
const ID_KEYS = new Set<string>(ID_PROPERTY_KEYS);

/** A property holding a simulated time in seconds (the contract lists them: TIME_PROPERTY_KEYS). */
export function isTimeField(key: string): boolean {
  return TIME_KEYS.has(key);
}

/** A property holding another object's id (ID_PROPERTY_KEYS; a VM's disks are shown as "disk0.datastoreId" …). */
export function isIdField(key: string): boolean {
  return ID_KEYS.has(key) || ID_KEYS.has(key.replace(/^disk\d+\./, ''));
}

/** A VM's disks as rows of the key/value table: "disk0.sizeGiB" → 40 … (labelled by fieldLabel). */
export function diskRows(disks: readonly VmDiskView[]): [string, unknown][] {
  return disks.flatMap((disk, i) =>
    Object.entries(disk).map(([k, v]): [string, unknown] => [`disk${i}.${k}`, v]),
  );
}

/**
 * Human units for the capacity report: memory and disk in GiB or TiB, CPU in GHz, power in W or kW,
 * never 12582912 MiB or 1964794.3 MHz. Three significant digits are enough to plan with.
 */

const sig = (x: number): string => {
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a >= 100) return Math.round(x).toLocaleString('en-US');
  if (a >= 10) return x.toFixed(1).replace(/\.0$/, '');
  return x.toFixed(2).replace(/\.?0+$/, '');
};

/** MiB → "512 MiB", "96 GiB", "12 TiB". */
export function fmtMiB(mib: number): string {
  const a = Math.abs(mib);
  if (a >= 1024 * 1024) return `${sig(mib / 1024 / 1024)} TiB`;
  if (a >= 1024) return `${sig(mib / 1024)} GiB`;
  return `${sig(mib)} MiB`;
}

/** GiB → "800 GiB", "4.8 TiB". */
export const fmtGiB = (gib: number): string => fmtMiB(gib * 1024);

/** MHz → "850 MHz", "124 GHz", "1,965 GHz". */
export function fmtMHz(mhz: number): string {
  return Math.abs(mhz) >= 1000 ? `${sig(mhz / 1000)} GHz` : `${sig(mhz)} MHz`;
}

/** W → "450 W", "12.3 kW". */
export function fmtW(w: number): string {
  return Math.abs(w) >= 1000 ? `${sig(w / 1000)} kW` : `${sig(w)} W`;
}

export type Unit = 'MHz' | 'MiB' | 'GiB' | 'W';

export function fmtUnit(v: number, unit: Unit): string {
  switch (unit) {
    case 'MHz':
      return fmtMHz(v);
    case 'MiB':
      return fmtMiB(v);
    case 'GiB':
      return fmtGiB(v);
    case 'W':
      return fmtW(v);
  }
}

/** A y-axis tick formatter for a series in `unit`. */
export const axisFormat =
  (unit: Unit) =>
  (v: number): string =>
    v === 0 ? '0' : fmtUnit(v, unit);

/**
 * The one implementation of human units (console, report, CLI): memory and disk in MiB, GiB or TiB, CPU in
 * MHz or GHz, network in Mbps or Gbps, power in W or kW, with the locale's thousands separators — never
 * "12582912 MiB" or "1964794.3 MHz". Three significant digits are enough to read and to plan with. Raw MiB and
 * MHz are only for exports (CSV). `locale` is a BCP 47 tag ('en', 'zh-CN'); English when not given.
 */

export type Unit = 'MHz' | 'MiB' | 'GiB' | 'W' | 'Mbps';

const formats = new Map<string, Intl.NumberFormat[]>();

/** Number formats of a locale with 0, 1 and 2 fraction digits (cached). */
function nf(locale: string, digits: 0 | 1 | 2): Intl.NumberFormat {
  let list = formats.get(locale);
  if (!list) {
    list = [0, 1, 2].map((d) => new Intl.NumberFormat(locale, { maximumFractionDigits: d }));
    formats.set(locale, list);
  }
  return list[digits]!;
}

/** About three significant digits: 1,234 · 12.3 · 1.23 (never "-0"). */
export function sig(x: number, locale = 'en'): string {
  const a = Math.abs(x);
  if (a === 0 || !Number.isFinite(x)) return Number.isFinite(x) ? '0' : '—';
  const text = nf(locale, a >= 100 ? 0 : a >= 10 ? 1 : 2).format(x);
  return /^-0([.,]0*)?$/.test(text) ? '0' : text;
}

/** MiB → "512 MiB", "96 GiB", "12 TiB". */
export function fmtMiB(mib: number, locale = 'en'): string {
  const a = Math.abs(mib);
  if (a >= 1024 * 1024) return `${sig(mib / 1024 / 1024, locale)} TiB`;
  if (a >= 1024) return `${sig(mib / 1024, locale)} GiB`;
  return `${sig(mib, locale)} MiB`;
}

/** GiB → "800 GiB", "4.8 TiB". */
export const fmtGiB = (gib: number, locale = 'en'): string => fmtMiB(gib * 1024, locale);

/** MHz → "850 MHz", "124 GHz", "1,965 GHz". */
export function fmtMHz(mhz: number, locale = 'en'): string {
  return Math.abs(mhz) >= 1000 ? `${sig(mhz / 1000, locale)} GHz` : `${sig(mhz, locale)} MHz`;
}

/** W → "450 W", "12.3 kW". */
export function fmtW(w: number, locale = 'en'): string {
  return Math.abs(w) >= 1000 ? `${sig(w / 1000, locale)} kW` : `${sig(w, locale)} W`;
}

/** Mbps → "850 Mbps", "9.4 Gbps". */
export function fmtMbps(mbps: number, locale = 'en'): string {
  return Math.abs(mbps) >= 1000 ? `${sig(mbps / 1000, locale)} Gbps` : `${sig(mbps, locale)} Mbps`;
}

export function fmtUnit(v: number, unit: Unit, locale = 'en'): string {
  switch (unit) {
    case 'MHz':
      return fmtMHz(v, locale);
    case 'MiB':
      return fmtMiB(v, locale);
    case 'GiB':
      return fmtGiB(v, locale);
    case 'W':
      return fmtW(v, locale);
    case 'Mbps':
      return fmtMbps(v, locale);
  }
}

/** A y-axis tick formatter for a series in `unit`. */
export const axisFormat =
  (unit: Unit, locale = 'en') =>
  (v: number): string =>
    v === 0 ? '0' : fmtUnit(v, unit, locale);

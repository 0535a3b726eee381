import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmtGiB, fmtMbps, fmtMHz, fmtMiB, fmtUnit, sig } from './units';
import { formatDurationIn } from './duration';

/** The number a formatted value stands for, back in the base unit. */
function parse(text: string): { value: number; unit: string } {
  const m = /^(-?[\d,.]+) (\w+)$/.exec(text);
  if (!m) throw new Error(`not a human unit: ${text}`);
  return { value: Number(m[1]!.replace(/,/g, '')), unit: m[2]! };
}
const MIB: Record<string, number> = { MiB: 1, GiB: 1024, TiB: 1024 * 1024 };

describe('human units (src/shared/units.ts)', () => {
  it('picks the prefix and groups thousands', () => {
    expect(fmtMiB(12_582_912)).toBe('12 TiB');
    expect(fmtMiB(98_304)).toBe('96 GiB');
    expect(fmtMiB(512)).toBe('512 MiB');
    expect(fmtGiB(4915.2)).toBe('4.8 TiB');
    expect(fmtMHz(1_964_794.3)).toBe('1,965 GHz');
    expect(fmtMHz(850)).toBe('850 MHz');
    expect(fmtMbps(9400)).toBe('9.4 Gbps');
    expect(fmtUnit(12_300, 'W')).toBe('12.3 kW');
    expect(fmtMHz(1_964_794.3, 'zh-CN')).toBe('1,965 GHz');
    expect(fmtMiB(2_000_000_000, 'de')).toBe('1.907 TiB');
    expect(sig(-0.0001)).toBe('0');
  });

  it('never shows more than 4 integer digits without grouping, and stays within 1 % of the value', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1e12, noNaN: true }), (mib) => {
        const text = fmtMiB(mib);
        const { value, unit } = parse(text);
        expect(text).not.toMatch(/\d{4}/);
        expect(Math.abs(value * MIB[unit]! - mib) / mib).toBeLessThan(0.01);
        expect(unit === 'MiB' ? mib < 1024 : unit === 'GiB' ? mib < 1024 * 1024 : true).toBe(true);
      }),
    );
  });

  it('durations have their unit names in Chinese', () => {
    expect(formatDurationIn(200, 'en')).toBe('3 min 20 s');
    expect(formatDurationIn(200, 'zh-CN')).toBe('3 分钟 20 秒');
    expect(formatDurationIn(90_000, 'zh-CN')).toBe('1 天 1 小时');
  });
});

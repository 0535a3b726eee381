import { describe, expect, it } from 'vitest';
import { fit, runsOf, showText, textWidth, wrap } from './pdf-text';

describe('PDF text runs and widths', () => {
  it('keeps WinAnsi text in Helvetica and puts other characters in CJK runs as UCS-2', () => {
    expect(runsOf('CPU 分配 — 1')).toEqual([
      { cjk: false, codes: [67, 80, 85, 32] },
      { cjk: true, codes: [0x5206, 0x914d] },
      { cjk: false, codes: [32, 0x97, 32, 49] }, // the em dash is byte 0x97 in Windows-1252
    ]);
    expect(showText('a(b)中', 9)).toBe('/F1 9 Tf (a\\(b\\)) Tj /F3 9 Tf <4E2D> Tj');
    expect(showText('≥ 2', 9, true)).toBe('/F2 9 Tf (>= 2) Tj');
    // Outside the BMP there is no UCS-2 code: "?" (the only case left).
    expect(runsOf('😀')).toEqual([{ cjk: false, codes: [63] }]);
  });

  it('measures Helvetica by its AFM widths and CJK glyphs at 1 em', () => {
    expect(textWidth('中文', 10)).toBe(20);
    expect(textWidth('ab', 10)).toBeCloseTo(11.12, 10); // a = b = 556
    expect(textWidth('Wi 集', 10)).toBeCloseTo((944 + 222 + 278 + 1000) / 100, 10);
  });

  it('wraps Chinese between characters, never before closing punctuation, and every line fits', () => {
    const s = '以线性趋势和星期季节性预测日峰值；保守风险使用预测区间的上界。依次让每台主机故障，并检查最差的两台组合。';
    const lines = wrap(s, 9, 100);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(textWidth(l, 9)).toBeLessThanOrEqual(100);
    expect(lines.join('')).toBe(s);
    for (const l of lines) expect(l).not.toMatch(/^[，。；]/);
    // 100 pt at 9 pt per glyph: 11 glyphs a line, unless punctuation follows the 11th.
    expect(lines[0]).toBe('以线性趋势和星期季节性');
  });

  it('wraps Latin text at spaces and cuts cells to the column with "~"', () => {
    // "aaa bbb" = (6 × 556 + 278) / 1000 × 10 = 36.14 pt; with " ccc" it is 55.6 pt.
    expect(wrap('aaa bbb ccc', 10, 37)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('mixed 中文 text', 10, 1000)).toEqual(['mixed 中文 text']);
    // "中文中~" = 30 + 5.84 = 35.84 > 35; "中文~" = 25.84 fits.
    expect(fit('中文中文中文', 10, 35)).toBe('中文~');
    expect(fit('short', 10, 35)).toBe('short');
  });
});

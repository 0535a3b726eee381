import { describe, expect, it } from 'vitest';
import { checkInt, checkName, checkReservation } from './validate';
import { workloadErrors } from './profiles';

describe('wizard validation', () => {
  it('rejects empty, badly formed and taken names', () => {
    const taken = (n: string) => n === 'web-01';
    expect(checkName('  ', taken)?.key).toBe('wizard.err.required');
    expect(checkName('bad name', taken)?.key).toBe('wizard.err.nameChars');
    expect(checkName('web-01', taken)?.key).toBe('wizard.err.nameTaken');
    expect(checkName('web-02', taken)).toBeNull();
  });
  it('checks integer ranges', () => {
    expect(checkInt(0, 1, 128)?.key).toBe('wizard.err.range');
    expect(checkInt(2.5, 1, 128)?.key).toBe('wizard.err.integer');
    expect(checkInt(null, 1, 128)?.key).toBe('wizard.err.required');
    expect(checkInt(4, 1, 128)).toBeNull();
  });
  it('keeps reservations within limit and size', () => {
    expect(checkReservation(3000, 2000, 8000)?.key).toBe('wizard.err.resAboveLimit');
    expect(checkReservation(9000, null, 8000)?.key).toBe('wizard.err.resAboveSize');
    expect(checkReservation(1000, 2000, 8000)).toBeNull();
    expect(checkReservation(null, null, 8000)).toBeNull();
  });
  it('requires peak CPU not below base', () => {
    expect(
      workloadErrors({ pattern: 'diurnal', cpuBasePct: 50, cpuPeakPct: 20, memActivePct: 30 }).cpuPeakPct,
    ).toBe('wizard.err.peakBelowBase');
    expect(
      workloadErrors({ pattern: 'diurnal', cpuBasePct: 5, cpuPeakPct: 120, memActivePct: 30 }).cpuPeakPct,
    ).toBe('wizard.err.pct');
  });
});

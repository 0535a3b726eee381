import { describe, expect, it } from 'vitest';
import { clampedUtilisation, HOST_TYPES, periodEnergyWs, specPowerW, UtilisationOutOfRange } from './power';

const G4 = (HOST_TYPES[0] as (typeof HOST_TYPES)[number]).powerW;
const G5 = (HOST_TYPES[1] as (typeof HOST_TYPES)[number]).powerW;

describe('SPECpower interpolation', () => {
  it('returns the table points at 0 % and 100 %', () => {
    expect(specPowerW(G4, 0)).toBe(86);
    expect(specPowerW(G4, 1)).toBeCloseTo(117, 12);
    expect(specPowerW(G5, 0)).toBe(93.7);
    expect(specPowerW(G5, 1)).toBeCloseTo(135, 12);
  });

  it('interpolates linearly between the bracketing 10 % points', () => {
    // G4 at 25 %: 92.6 + (96 - 92.6) * 0.5 = 94.3
    expect(specPowerW(G4, 0.25)).toBeCloseTo(94.3, 10);
    // G5 at 94 %: 133 + (135 - 133) * 0.4 = 133.8
    expect(specPowerW(G5, 0.94)).toBeCloseTo(133.8, 10);
    // G5 at 1000/5320 (one 1000-MIPS VM): 97 + 4 * 0.87970 = 100.5188
    expect(specPowerW(G5, 1000 / 5320)).toBeCloseTo(97 + 4 * (1000 / 5320 - 0.1) * 10, 10);
  });

  it('rejects utilisation outside [0, 1] (CloudSim exits there)', () => {
    expect(() => specPowerW(G4, 1.0001)).toThrow(UtilisationOutOfRange);
    expect(() => specPowerW(G4, -0.1)).toThrow(UtilisationOutOfRange);
  });

  it('clamps host utilisation in (1, 1.01) to 1 only', () => {
    expect(clampedUtilisation(3721, 3720)).toBe(1);
    expect(clampedUtilisation(3720 * 1.02, 3720)).toBeCloseTo(1.02, 12);
    expect(clampedUtilisation(1860, 3720)).toBe(0.5);
  });
});

describe('energy of a period (trapezoid)', () => {
  it('averages the power at both ends', () => {
    // G4 from 50 % (102 W) to 100 % (117 W) over 300 s: (102 + 117) / 2 * 300
    expect(periodEnergyWs(G4, 0.5, 1, 300)).toBeCloseTo(32_850, 8);
  });

  it('charges nothing when the host was off (u_prev == 0), even if it is busy now', () => {
    expect(periodEnergyWs(G5, 0, 0.8, 300)).toBe(0);
  });

  it('uses the idle power at the end when the host becomes idle', () => {
    expect(periodEnergyWs(G5, 0.5, 0, 100)).toBeCloseTo(((116 + 93.7) / 2) * 100, 8);
  });
});

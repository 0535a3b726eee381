/**
 * SPECpower host power models and the energy of one period, exactly as CloudSim 3.0.3 computes them
 * (`PowerModelSpecPower.getPower`, `PowerHost.getEnergyLinearInterpolation`).
 */

/** Host types of the PlanetLab experiment: index 0 = HP ProLiant ML110 G4, 1 = ML110 G5. */
export interface HostType {
  name: string;
  /** MIPS of one PE (core). */
  peMips: number;
  pes: number;
  ramMB: number;
  bwKbps: number;
  /** Watts at 0 %, 10 %, ..., 100 % CPU utilisation. */
  powerW: readonly number[];
}

export const HOST_TYPES: readonly HostType[] = [
  {
    name: 'HP ProLiant ML110 G4 (Xeon 3040)',
    peMips: 1860,
    pes: 2,
    ramMB: 4096,
    bwKbps: 1_000_000,
    powerW: [86, 89.4, 92.6, 96, 99.5, 102, 106, 108, 112, 114, 117],
  },
  {
    name: 'HP ProLiant ML110 G5 (Xeon 3075)',
    peMips: 2660,
    pes: 2,
    ramMB: 4096,
    bwKbps: 1_000_000,
    powerW: [93.7, 97, 101, 105, 110, 116, 121, 125, 129, 133, 135],
  },
];

/** Thrown when a utilisation outside [0, 1] reaches a power model (CloudSim calls System.exit there). */
export class UtilisationOutOfRange extends Error {
  constructor(readonly utilisation: number) {
    super(`utilisation ${utilisation} is outside [0, 1]`);
  }
}

/**
 * Power (W) at utilisation u in [0, 1]: linear interpolation between the table points floor(10u) and
 * ceil(10u), with CloudSim's exact floating-point expression.
 */
export function specPowerW(table: readonly number[], u: number): number {
  if (u < 0 || u > 1) throw new UtilisationOutOfRange(u);
  if (u % 0.1 === 0) return table[Math.trunc(u * 10)] as number;
  const u1 = Math.floor(u * 10);
  const u2 = Math.ceil(u * 10);
  const p1 = table[u1] as number;
  const p2 = table[u2] as number;
  const delta = (p2 - p1) / 10;
  return p1 + delta * (u - u1 / 10) * 100;
}

/**
 * Energy (W*s) of one period of `durationSec`: trapezoid between the power at the previous and the
 * current utilisation. Reference rule: a host whose previous utilisation is 0 was off, so the
 * period costs nothing even if the host is busy now (`fromUtilization == 0 -> 0`).
 */
export function periodEnergyWs(
  table: readonly number[],
  uPrev: number,
  uNow: number,
  durationSec: number,
): number {
  if (uPrev === 0) return 0;
  const from = specPowerW(table, uPrev);
  const to = specPowerW(table, uNow);
  return (from + (to - from) / 2) * durationSec;
}

/** HostDynamicWorkload.getUtilizationOfCpu: used MIPS / total, with (1, 1.01) clamped to 1. */
export function clampedUtilisation(usedMips: number, totalMips: number): number {
  const u = usedMips / totalMips;
  return u > 1 && u < 1.01 ? 1 : u;
}

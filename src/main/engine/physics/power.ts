/**
 * Host power. Linear model P(u) = P_idle + (P_max − P_idle) · u (CloudSim Plus PowerModelHostSimple [C2]),
 * or linear interpolation in an 11-point SPECpower-style table (0 %, 10 % … 100 % load).
 * Standby and failed hosts draw nothing; energy integrates power over the tick.
 */
import type { HostRec } from '../world/types';

export function hostPowerW(h: HostRec, utilisation: number): number {
  if (h.state === 'failed' || h.state === 'standby') return 0;
  const u = utilisation < 0 ? 0 : utilisation > 1 ? 1 : utilisation;
  const t = h.tableW;
  if (t && t.length === 11) {
    const pos = u * 10;
    const i = Math.min(9, Math.floor(pos));
    const a = t[i] ?? 0;
    const b = t[i + 1] ?? a;
    return a + (b - a) * (pos - i);
  }
  return h.idleW + (h.maxW - h.idleW) * u;
}

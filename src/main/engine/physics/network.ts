/**
 * NIC sharing on one host between guest traffic and live-migration traffic, like vSphere Network I/O
 * Control: two traffic classes with shares (virtual machine traffic 100, vMotion 50) divide the NIC
 * max-min fairly; inside a class every flow gets an equal part (guests in proportion to their demand
 * when the class is short).
 */

export const NIOC_SHARES_VM = 100;
export const NIOC_SHARES_VMOTION = 50;

export interface NicSplit {
  /** Fraction of its demand each guest gets (0..1). */
  guestFactor: number;
  /** Mbps for each migration flow. */
  perMigrationMbps: number;
}

/**
 * @param capacityMbps NIC bandwidth
 * @param guestDemandMbps Σ guest demand on the host
 * @param migrationFlows number of migrations sending from or receiving on this host (each wants the whole NIC)
 */
export function splitNic(
  capacityMbps: number,
  guestDemandMbps: number,
  migrationFlows: number,
  out: NicSplit,
): NicSplit {
  const migDemand = migrationFlows > 0 ? capacityMbps : 0;
  let guest = guestDemandMbps;
  let mig = migDemand;
  if (guest + mig > capacityMbps) {
    const total = NIOC_SHARES_VM + NIOC_SHARES_VMOTION;
    const guestFair = (capacityMbps * NIOC_SHARES_VM) / total;
    const migFair = (capacityMbps * NIOC_SHARES_VMOTION) / total;
    if (guest <= guestFair) mig = capacityMbps - guest;
    else if (mig <= migFair) guest = capacityMbps - mig;
    else {
      guest = guestFair;
      mig = migFair;
    }
  }
  out.guestFactor = guestDemandMbps > 0 ? Math.min(1, guest / guestDemandMbps) : 1;
  out.perMigrationMbps = migrationFlows > 0 ? mig / migrationFlows : 0;
  return out;
}

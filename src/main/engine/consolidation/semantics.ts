/**
 * The two semantics of the consolidation experiment. "reference" reproduces CloudSim 3.0.3 to the letter
 * (quirks included, see docs/consolidation.md); "native" switches off the artefacts that are not physical.
 * Every difference is one named switch here.
 */
export interface Semantics {
  mode: 'reference' | 'native';
  /** A VM whose demand is exactly 0 (two consecutive zero samples) is removed for the rest of the run. */
  removeVmsAtZeroDemand: boolean;
  /** A host counts as on (and pays idle power) whenever it holds a VM; reference: only when utilisation > 0 at the period start. */
  hostOnWhileHoldingVms: boolean;
  /** Charge [0, first update] and [last update, 86,400 s]; reference charges 300.1 .. 86,100.1 (+ migration tails). */
  chargeWholeDay: boolean;
  /** VMs keep requesting their RAM after creation, so RAM constrains every placement. */
  ramPersists: boolean;
  /** LR applies its tricube weights (weighted least squares) instead of plain OLS. */
  lrWeighted: boolean;
  /** LRR is a real robust (bisquare-reweighted) regression instead of a copy of LR. */
  lrrRobust: boolean;
  /** Hosts that receive VMs from overloaded hosts are not evacuated in the same round (CloudSim intends this but reads an empty list). */
  excludeOverloadTargetsFromEvacuation: boolean;
  /** Initial placement uses each VM's demand at t = 0 and the hosts' actual power, instead of nominal MIPS against all-idle hosts. */
  initialPlacementOnDemand: boolean;
  /** Costs of a switched-off destination include its idle power (waking a host is not free). */
  wakingCostsIdlePower: boolean;
  /** Helper.getTimesBeforeHostShutdown starts with "active", so a host idle from the start counts as one shutdown. */
  idleAtStartCountsAsShutdown: boolean;
}

export const REFERENCE: Semantics = {
  mode: 'reference',
  removeVmsAtZeroDemand: true,
  hostOnWhileHoldingVms: false,
  chargeWholeDay: false,
  ramPersists: false,
  lrWeighted: false,
  lrrRobust: false,
  excludeOverloadTargetsFromEvacuation: false,
  initialPlacementOnDemand: false,
  wakingCostsIdlePower: false,
  idleAtStartCountsAsShutdown: true,
};

export const NATIVE: Semantics = {
  mode: 'native',
  removeVmsAtZeroDemand: false,
  hostOnWhileHoldingVms: true,
  chargeWholeDay: true,
  ramPersists: true,
  lrWeighted: true,
  lrrRobust: true,
  excludeOverloadTargetsFromEvacuation: true,
  initialPlacementOnDemand: true,
  wakingCostsIdlePower: true,
  idleAtStartCountsAsShutdown: false,
};

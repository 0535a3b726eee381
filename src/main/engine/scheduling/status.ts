/**
 * The scheduling status of a cluster in one read: DRS (imbalance, target, recommendations — for manual and
 * partially automated clusters these wait for approval), DPM (host loads, planned power change) and HA
 * admission control (current failover capacity). For the engine's cluster view and the console.
 */
import { LoadBook } from '../world/admission';
import type { World } from '../world/world';
import { dpmPass, type DpmResult } from './dpm';
import { drsPass, type DrsOptions } from './drs/recommendations';
import type { DrsResult } from './drs/types';
import { failoverCapacity, type FailoverCapacity } from './ha/admission';
import { resolvePolicy } from './policies';

export interface SchedulingStatus {
  clusterId: string;
  placementPolicy: string;
  drs: DrsResult;
  dpm: DpmResult;
  ha: FailoverCapacity;
}

export function schedulingStatus(
  w: Readonly<World>,
  clusterId: string,
  drsOptions: DrsOptions = {},
): SchedulingStatus | null {
  const cl = w.clusterById.get(clusterId);
  if (!cl) return null;
  return {
    clusterId,
    placementPolicy: resolvePolicy(cl.settings.placementPolicy)?.name ?? cl.settings.placementPolicy,
    drs: drsPass(w, clusterId, drsOptions),
    dpm: dpmPass(w, clusterId),
    ha: failoverCapacity(w, new LoadBook(w as World), clusterId, { withSlots: true }),
  };
}

/** What a DRS pass produces: recommendations with priority, reason and predicted loads [V4]. */
import type { DrsAutomation } from '../../model/scenario';
import type { Msg } from '../../messages';

/** rule: fixes a mandatory rule; balance: lowers the imbalance; evacuate: empties a host entering maintenance mode (manual / partial clusters). */
export type DrsMoveKind = 'rule' | 'balance' | 'evacuate';

export interface PredictedLoad {
  /** Host loads (0..1, the larger of CPU and memory share) before and after the move. */
  sourceBefore: number;
  sourceAfter: number;
  targetBefore: number;
  targetAfter: number;
  /** Cluster imbalance (std dev of host loads) before and after the move. */
  imbalanceBefore: number;
  imbalanceAfter: number;
}

export interface DrsRecommendation {
  vmId: string;
  vmName: string;
  fromHostId: string;
  fromHostName: string;
  toHostId: string;
  toHostName: string;
  /** 1 = mandatory (rule violation) … 5 = slight improvement. */
  priority: number;
  kind: DrsMoveKind;
  reason: string;
  /** The reason as a message code (the console's languages). */
  reasonMsg: Msg;
  predicted: PredictedLoad;
}

export interface DrsHostLoad {
  hostId: string;
  hostName: string;
  load: number;
  loadAfter: number;
}

export interface DrsResult {
  clusterId: string;
  enabled: boolean;
  automation: DrsAutomation;
  threshold: number;
  /** Current host load standard deviation. */
  imbalance: number;
  /** Target host load standard deviation for the threshold. */
  targetImbalance: number;
  /** Imbalance once every recommendation is applied. */
  imbalanceAfter: number;
  /** Host loads (and every predicted load) come from demand averaged over this many seconds; 0 = this tick only. */
  demandWindowSec: number;
  /** The same in words, e.g. "demand averaged over the last 300 s (15 samples)". */
  demandBasis: string;
  hosts: DrsHostLoad[];
  recommendations: DrsRecommendation[];
  /** Moves that were wanted but must wait (concurrency limits) or are refused, with why. */
  deferred: { vmId: string; toHostId: string; reason: string }[];
  /** True when the engine applies the recommendations itself (fully automated). */
  automatic: boolean;
  summary: string;
  summaryMsg: Msg;
}

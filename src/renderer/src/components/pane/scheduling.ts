/**
 * The DRS / HA / DPM status of a cluster, read from its describe answer (the contract's strict
 * cluster detail: `scheduling`, absent only while the cluster has no hosts, and the settings in
 * `properties`).
 */
import {
  PLACEMENT_POLICY_NAMES,
  type EntityDetailView,
  type MsgView,
  type PlacementPolicyName,
} from '@shared/schemas/views';

export type { PlacementPolicyName };

export interface DrsMove {
  vmId: string;
  vmName: string;
  fromHostId: string;
  fromHostName: string | null;
  toHostId: string;
  toHostName: string | null;
  /** 1 = mandatory … 5 = slight improvement. */
  priority: number;
  reason: string;
  /** The reason as a message code (rendered in the console's language; `reason` is its English text). */
  reasonMsg?: MsgView | undefined;
  /** Predicted host loads after the move, in percent. */
  sourceLoadPct: number;
  targetLoadPct: number;
}

export interface SchedulingView {
  /** False when only the settings are known (no `scheduling` field): no recommendations to show. */
  live: boolean;
  placementPolicy: string | null;
  drs: {
    enabled: boolean;
    automation: string | null;
    threshold: number | null;
    moves: DrsMove[];
    summary: string | null;
  };
  ha: {
    enabled: boolean;
    policy: string | null;
    cpuFailoverPct: number | null;
    memFailoverPct: number | null;
    failoverLevel: number | null;
    satisfied: boolean | null;
    summary: string | null;
  };
  dpm: {
    enabled: boolean;
    standbyHostIds: string[];
    plan: {
      hostId: string;
      hostName: string | null;
      enter: boolean;
      reason: string;
      reasonMsg?: MsgView | undefined;
    }[];
    summary: string | null;
  };
}

/** The cluster's scheduling status as the console shows it; null for other kinds. */
export function schedulingOf(d: EntityDetailView | null): SchedulingView | null {
  if (!d || d.kind !== 'cluster') return null;
  const p = d.properties;
  const s = d.scheduling;
  if (!s) {
    // A cluster without hosts has nothing to schedule: only its settings are known.
    return {
      live: false,
      placementPolicy: p.placementPolicy,
      drs: {
        enabled: p.drsEnabled,
        automation: p.drsAutomation,
        threshold: p.drsThreshold,
        moves: [],
        summary: null,
      },
      ha: {
        enabled: p.haEnabled,
        policy: p.haAdmission,
        cpuFailoverPct: null,
        memFailoverPct: null,
        failoverLevel: null,
        satisfied: null,
        summary: null,
      },
      dpm: { enabled: p.dpmEnabled, standbyHostIds: [], plan: [], summary: null },
    };
  }
  const { drs, ha, dpm } = s;
  return {
    live: true,
    placementPolicy: s.placementPolicy,
    drs: {
      enabled: drs.enabled,
      automation: drs.automation,
      threshold: drs.threshold,
      moves: drs.recommendations
        .map((r) => ({
          vmId: r.vmId,
          vmName: r.vmName,
          fromHostId: r.fromHostId,
          fromHostName: null,
          toHostId: r.toHostId,
          toHostName: null,
          priority: r.priority,
          reason: r.reason,
          reasonMsg: r.reasonMsg,
          sourceLoadPct: r.predictedSourceLoadPct,
          targetLoadPct: r.predictedTargetLoadPct,
        }))
        .sort((a, b) => a.priority - b.priority || a.vmName.localeCompare(b.vmName)),
      summary: drs.summary,
    },
    ha: {
      enabled: ha.enabled,
      policy: ha.admissionPolicy,
      cpuFailoverPct: ha.cpuFailoverPct,
      memFailoverPct: ha.memFailoverPct,
      failoverLevel: ha.failoverLevel,
      satisfied: ha.satisfied,
      summary: ha.summary,
    },
    dpm: {
      enabled: dpm.enabled,
      standbyHostIds: dpm.standbyHostIds,
      plan: dpm.action
        ? [
            {
              hostId: dpm.action.hostId,
              hostName: null,
              enter: dpm.action.enter,
              reason: dpm.action.reason,
              reasonMsg: dpm.action.reasonMsg,
            },
          ]
        : [],
      summary: dpm.summary,
    },
  };
}

/** Whether the console may offer Apply: DRS waits for approval in manual and partially automated clusters. */
export function canApply(v: SchedulingView): boolean {
  return (
    v.live && v.drs.moves.length > 0 && (v.drs.automation === 'manual' || v.drs.automation === 'partial')
  );
}

export function isPlacementPolicy(name: string): name is PlacementPolicyName {
  return (PLACEMENT_POLICY_NAMES as readonly string[]).includes(name);
}

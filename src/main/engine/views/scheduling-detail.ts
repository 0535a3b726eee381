/** The scheduling status of a cluster as its detail shows it (DRS recommendations, DPM plan, HA capacity). */
import { migrationSkipReason } from '../ops/precheck';
import { schedulingStatus } from '../scheduling';
import type { ClusterSchedulingDetail } from '../model/views';
import type { World } from '../world/world';

const pct = (x: number): number => Math.round(x * 1000) / 10;

export function clusterSchedulingDetail(w: World, clusterId: string): ClusterSchedulingDetail | undefined {
  const st = schedulingStatus(w, clusterId, {
    canMove: (vmId, hostId, flows) => migrationSkipReason(w, vmId, hostId, flows),
  });
  const cl = w.clusterById.get(clusterId);
  if (!st || !cl) return undefined;
  const { drs, dpm, ha } = st;
  return {
    placementPolicy: st.placementPolicy,
    drs: {
      enabled: drs.enabled,
      automation: drs.automation,
      threshold: drs.threshold,
      automatic: drs.automatic,
      imbalance: drs.imbalance,
      targetImbalance: drs.targetImbalance,
      imbalanceAfter: drs.imbalanceAfter,
      summary: drs.summary,
      summaryMsg: drs.summaryMsg,
      recommendations: drs.recommendations.map((r) => ({
        vmId: r.vmId,
        vmName: r.vmName,
        fromHostId: r.fromHostId,
        toHostId: r.toHostId,
        priority: r.priority,
        reason: r.reason,
        reasonMsg: r.reasonMsg,
        predictedSourceLoadPct: pct(r.predicted.sourceAfter),
        predictedTargetLoadPct: pct(r.predicted.targetAfter),
      })),
      deferred: drs.deferred.map((d) => ({ ...d })),
    },
    dpm: {
      enabled: dpm.enabled,
      standbyHostIds: [...dpm.standbyHostIds],
      action: dpm.action ? { ...dpm.action } : null,
      evacuatingHostId: dpm.evacuatingHostId,
      evacuations: dpm.evacuations.map((e) => ({ ...e })),
      summary: dpm.summary,
      summaryMsg: dpm.summaryMsg,
    },
    ha: {
      enabled: cl.settings.ha.enabled,
      admissionPolicy: ha.policy,
      enforced: ha.enforced,
      cpuFailoverPct: ha.cpuFailoverPct,
      memFailoverPct: ha.memFailoverPct,
      cpuReservePct: ha.cpuReservePct,
      memReservePct: ha.memReservePct,
      slotCpuMHz: ha.slotCpuMHz,
      slotMemMiB: ha.slotMemMiB,
      totalSlots: ha.totalSlots,
      usedSlots: ha.usedSlots,
      failoverLevel: ha.failoverLevel,
      failuresToTolerate: ha.failuresToTolerate,
      failoverHostIds: [...ha.failoverHostIds],
      failoverHostsReady: ha.failoverHostsReady,
      satisfied: ha.satisfied,
      summary: ha.summary,
      summaryMsg: ha.summaryMsg,
    },
  };
}

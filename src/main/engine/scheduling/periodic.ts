/**
 * What runs every scheduling interval (DRS every 5 minutes, as vSphere before 7 [V4]; DPM with it):
 * for each cluster in inventory order, a fully automated DRS turns its recommendations into migrations,
 * then DPM may put one host in standby (only when DRS had nothing to do, so the cluster is settled) or wake
 * one. Manual and partially automated DRS only recommend: `drsPass` shows the recommendations.
 */
import type { World } from '../world/world';
import { dpmPass } from './dpm';
import { drsPass } from './drs/recommendations';
import type { SchedulerAction } from './types';

export const DRS_INTERVAL_SEC = 300;

/** True on the tick that reaches a multiple of the interval (never on tick 0). */
export function isSchedulingTick(w: Readonly<World>, tick: number, intervalSec = DRS_INTERVAL_SEC): boolean {
  if (tick <= 0) return false;
  const t = tick * w.tickSeconds;
  return Math.floor(t / intervalSec) > Math.floor((t - w.tickSeconds) / intervalSec);
}

export function schedulerActions(w: Readonly<World>, tick: number): SchedulerAction[] {
  if (!isSchedulingTick(w, tick)) return [];
  const out: SchedulerAction[] = [];
  for (const cl of w.clusters) {
    let moves = 0;
    if (cl.settings.drs.enabled && cl.settings.drs.automation === 'full') {
      const r = drsPass(w, cl.id);
      for (const rec of r.recommendations) {
        out.push({ kind: 'migrate', vmId: rec.vmId, hostId: rec.toHostId, reason: `DRS (priority ${rec.priority}): ${rec.reason}` });
        moves++;
      }
    }
    if (cl.settings.dpm.enabled) {
      const d = dpmPass(w, cl.id);
      if (d.action && (!d.action.enter || moves === 0)) out.push({ kind: 'hostStandby', hostId: d.action.hostId, enter: d.action.enter, reason: d.action.reason });
    }
  }
  return out;
}

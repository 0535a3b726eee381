/**
 * What runs every scheduling interval (DRS every 5 minutes, as vSphere before 7 [V4]; DPM with it):
 * for each cluster in inventory order, DPM first (wake a host, put an empty one in standby, or start
 * emptying one — DRS then leaves that host out of its pass so the two never undo each other), then a fully
 * automated DRS turns its recommendations into migrations. Manual and partially automated DRS only
 * recommend: `drsPass` shows the recommendations. Both decide on demand averaged over the 5-minute
 * interval (DPM's power-off on 40 minutes of host history): demand-window.ts.
 */
import { clusterScopes, type GuestScope } from '../world/admission';
import type { World } from '../world/world';
import { closeInterval, recordDemand } from './demand-window';
import { dpmPass } from './dpm';
import { MigrationBudget, recentSources } from './drs/concurrency';
import { drsPass, type MoveCheck } from './drs/recommendations';
import type { SchedulerAction } from './types';
import { msg } from '../messages';

export const DRS_INTERVAL_SEC = 300;

/** True on the tick that reaches a multiple of the interval (never on tick 0). */
export function isSchedulingTick(w: Readonly<World>, tick: number, intervalSec = DRS_INTERVAL_SEC): boolean {
  if (tick <= 0) return false;
  const t = tick * w.tickSeconds;
  return Math.floor(t / intervalSec) > Math.floor((t - w.tickSeconds) / intervalSec);
}

export function schedulerActions(w: Readonly<World>, tick: number, canMove?: MoveCheck): SchedulerAction[] {
  // Every tick: this tick's demand enters the averaging windows; on a scheduling tick the DRS interval
  // closes, so DRS and DPM decide on its mean (and DPM on 40 minutes of host history), not on one tick.
  recordDemand(w);
  if (!isSchedulingTick(w, tick)) return [];
  closeInterval(w);
  const out: SchedulerAction[] = [];
  let scopes: Map<string, GuestScope> | null = null;
  let round: { budget: MigrationBudget; recent: Map<string, Set<string>> } | null = null;
  for (const cl of w.clusters) {
    const skip: string[] = [];
    // Manual DPM only recommends: the plan shows on the cluster (scheduling detail), nothing is done.
    if (cl.settings.dpm.enabled && cl.settings.dpm.automation !== 'manual') {
      const d = dpmPass(w, cl.id);
      if (d.action) {
        out.push({
          kind: 'hostStandby',
          hostId: d.action.hostId,
          enter: d.action.enter,
          reason: d.action.reasonMsg ?? d.action.reason,
        });
        if (d.action.enter) skip.push(d.action.hostId);
      }
      if (d.evacuatingHostId !== null) {
        skip.push(d.evacuatingHostId);
        for (const m of d.evacuations)
          out.push({ kind: 'migrate', vmId: m.vmId, hostId: m.hostId, reason: m.reasonMsg ?? m.reason });
      }
    }
    if (cl.settings.drs.enabled && cl.settings.drs.automation === 'full') {
      scopes ??= clusterScopes(w as World);
      round ??= { budget: new MigrationBudget(w), recent: recentSources(w) };
      const scope = scopes.get(cl.id);
      const r = drsPass(w, cl.id, {
        skipHostIds: skip,
        ...(canMove ? { canMove } : {}),
        ...(scope ? { scope } : {}),
        round,
      });
      for (const rec of r.recommendations)
        out.push({
          kind: 'migrate',
          vmId: rec.vmId,
          hostId: rec.toHostId,
          reason: msg('drs.auto', { priority: rec.priority, reason: rec.reasonMsg }),
        });
    }
  }
  return out;
}

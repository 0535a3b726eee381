/**
 * Limits on simultaneous migrations (vCenter [V6]): every operation has a cost and waits until each resource
 * it touches has room under its maximum. Host: max cost 8, vMotion 1, vMotion with storage 4. Network: 4
 * vMotions on a link below 10 GbE, 8 on 10 GbE and faster. The cluster setting
 * migration.maxConcurrentPerHost lowers the host limit further. Queued migrations count as they will run.
 *
 * Hold-off against ping-pong: a VM that left host H by a migration that ended less than HOLD_OFF_SEC ago is
 * not moved back to H by balancing.
 */
import type { World } from '../../world/world';

export const HOST_MAX_COST = 8;
export const VMOTION_COST = 1;
export const STORAGE_VMOTION_COST = 4;
export const NET_LIMIT_SLOW = 4;
export const NET_LIMIT_FAST = 8;
/** Hold-off window, simulated seconds (one hour: twelve 5-minute DRS passes). */
export const HOLD_OFF_SEC = 3600;

export class MigrationBudget {
  readonly cost = new Map<string, number>();
  readonly flows = new Map<string, number>();

  constructor(private readonly w: Readonly<World>) {
    for (const t of w.tasks) {
      if (t.op.kind !== 'liveMigrate' || (t.state !== 'running' && t.state !== 'queued')) continue;
      const c = t.op.dstDatastoreId !== null ? STORAGE_VMOTION_COST : VMOTION_COST;
      this.take(t.op.srcHostId, t.op.dstHostId, c);
    }
  }

  hostLimit(hostId: string): number {
    const cl = this.w.clusterOfHost(hostId);
    const set = cl?.settings.migration.maxConcurrentPerHost ?? HOST_MAX_COST;
    return Math.min(HOST_MAX_COST, set > 0 ? set : HOST_MAX_COST);
  }

  netLimit(hostId: string): number {
    const h = this.w.hostById.get(hostId);
    return h && h.nicMbps >= 10000 ? NET_LIMIT_FAST : NET_LIMIT_SLOW;
  }

  /** Why a vMotion between the two hosts must wait, or null when both have room. */
  blocked(src: string, dst: string, c = VMOTION_COST): string | null {
    return this.blockedAt(src, dst, c)?.reason ?? null;
  }

  /** Like `blocked`, also naming the host that has no room. */
  blockedAt(src: string, dst: string, c = VMOTION_COST): { hostId: string; reason: string } | null {
    for (const id of [src, dst]) {
      if ((this.cost.get(id) ?? 0) + c > this.hostLimit(id))
        return {
          hostId: id,
          reason: `${this.w.hostById.get(id)?.name ?? id} is at its migration cost limit (${this.hostLimit(id)})`,
        };
      if ((this.flows.get(id) ?? 0) + 1 > this.netLimit(id))
        return {
          hostId: id,
          reason: `${this.w.hostById.get(id)?.name ?? id} is at its network limit (${this.netLimit(id)} concurrent vMotions)`,
        };
    }
    return null;
  }

  take(src: string, dst: string, c = VMOTION_COST): void {
    for (const id of [src, dst]) {
      this.cost.set(id, (this.cost.get(id) ?? 0) + c);
      this.flows.set(id, (this.flows.get(id) ?? 0) + 1);
    }
  }
}

/** VM id → hosts it left within the hold-off window (by a successful migration). */
export function recentSources(w: Readonly<World>, holdOffSec = HOLD_OFF_SEC): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const now = w.timeSec;
  for (const t of w.tasks) {
    if (t.op.kind !== 'liveMigrate' || t.state !== 'success' || t.finishedAt === null) continue;
    if (now - t.finishedAt >= holdOffSec) continue;
    let s = out.get(t.op.vmId);
    if (!s) out.set(t.op.vmId, (s = new Set()));
    s.add(t.op.srcHostId);
  }
  return out;
}

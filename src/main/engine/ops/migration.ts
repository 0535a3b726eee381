/**
 * Live migration by iterative pre-copy (Clark et al., "Live Migration of Virtual Machines", NSDI 2005;
 * the scheme of vMotion and QEMU): round 0 sends the guest's memory while it keeps running; each next
 * round sends the pages dirtied during the previous round; when the remainder can be sent within the
 * downtime target the VM is stunned, the rest is sent (downtime) and it resumes on the destination.
 * If dirtying outpaces the link the rounds stop shrinking and the migration fails after the round
 * limit. Storage (migration without shared storage) is copied before memory.
 */
import type { VmRec } from '../world/types';
import type { World } from '../world/world';
import type { LiveMigrationOp } from './task-types';
import { msg, type Msg } from '../messages';

/** Mbps → MiB/s. */
export const MBPS_TO_MIBPS = 1e6 / 8 / 1048576;
/** Fixed switchover cost (device state, ARP announce), ms. */
export const SWITCHOVER_MS = 30;

/** Memory the guest dirties per second, MiB/s: dirtyPctPerSec of active memory at peak, scaled by intensity. */
export function dirtyRateMiBps(vm: VmRec): number {
  const peak = vm.wp.cpuPeakPct > 0 ? vm.wp.cpuPeakPct / 100 : 1;
  const intensity = Math.min(1, vm.level / peak);
  return vm.memActiveMiB * (vm.wp.dirtyPctPerSec / 100) * Math.max(0.05, intensity);
}

export interface MigrationPrediction {
  converges: boolean;
  rounds: number;
  durationSec: number;
  downtimeMs: number;
}

/** Closed-loop prediction with constant bandwidth and dirty rate (used by the pre-check). */
export function predictPreCopy(
  memMiB: number,
  dirtyMiBps: number,
  bwMiBps: number,
  downtimeTargetMs: number,
  maxRounds: number,
  storageMiB = 0,
  storageMiBps = 1,
): MigrationPrediction {
  if (bwMiBps <= 0) return { converges: false, rounds: 0, durationSec: Infinity, downtimeMs: Infinity };
  let t = storageMiB > 0 ? storageMiB / Math.max(1e-9, storageMiBps) : 0;
  let volume = memMiB;
  for (let round = 0; round < maxRounds; round++) {
    const roundSec = volume / bwMiBps;
    t += roundSec;
    const next = Math.min(memMiB, dirtyMiBps * roundSec);
    if ((next / bwMiBps) * 1000 <= downtimeTargetMs) {
      const downtimeMs = (next / bwMiBps) * 1000 + SWITCHOVER_MS;
      return { converges: true, rounds: round + 1, durationSec: t + next / bwMiBps, downtimeMs };
    }
    volume = next;
  }
  return { converges: false, rounds: maxRounds, durationSec: t, downtimeMs: Infinity };
}

export type MigrationStep =
  { kind: 'running' } | { kind: 'done'; downtimeMs: number } | { kind: 'failed'; reason: Msg };

/** Advances one tick of `dtSec` at `bwMiBps`; mutates `op`. */
export function advancePreCopy(
  op: LiveMigrationOp,
  vm: VmRec,
  bwMiBps: number,
  storageMiBps: number,
  dtSec: number,
): MigrationStep {
  let left = dtSec;
  op.lastMiBps = bwMiBps;
  if (op.storageLeftMiB > 0) {
    const rate = Math.min(storageMiBps, bwMiBps);
    const need = rate > 0 ? op.storageLeftMiB / rate : Infinity;
    if (need > left) {
      op.storageLeftMiB -= rate * left;
      op.elapsedSec += left;
      return { kind: 'running' };
    }
    op.storageLeftMiB = 0;
    op.elapsedSec += need;
    left -= need;
  }
  const dirty = dirtyRateMiBps(vm);
  const total = Math.max(1, vm.memWantMiB || vm.memMiB);
  while (left > 1e-9) {
    if (bwMiBps <= 0) {
      op.roundSec += left;
      op.elapsedSec += left;
      return { kind: 'running' };
    }
    const finishIn = op.roundLeftMiB / bwMiBps;
    if (finishIn > left) {
      op.roundLeftMiB -= bwMiBps * left;
      op.transferredMiB += bwMiBps * left;
      op.copiedMiB = Math.min(total, op.copiedMiB + bwMiBps * left);
      op.roundSec += left;
      op.elapsedSec += left;
      return { kind: 'running' };
    }
    left -= finishIn;
    op.transferredMiB += op.roundLeftMiB;
    op.copiedMiB = Math.min(total, op.copiedMiB + op.roundLeftMiB);
    op.roundSec += finishIn;
    op.elapsedSec += finishIn;
    const next = Math.min(total, dirty * op.roundSec);
    op.round++;
    const stunMs = (next / bwMiBps) * 1000;
    if (stunMs <= op.downtimeTargetMs) {
      op.elapsedSec += next / bwMiBps;
      op.transferredMiB += next;
      op.copiedMiB = total;
      return { kind: 'done', downtimeMs: stunMs + SWITCHOVER_MS };
    }
    if (op.round >= op.maxRounds) {
      return {
        kind: 'failed',
        reason: msg('reason.notConverged', {
          rounds: op.round,
          dirty: dirty.toFixed(0),
          bw: bwMiBps.toFixed(0),
          left: next.toFixed(0),
          stun: stunMs.toFixed(0),
          target: op.downtimeTargetMs,
        }),
      };
    }
    op.roundLeftMiB = next;
    op.roundSec = 0;
  }
  return { kind: 'running' };
}

/** Per-tick migration load on hosts: flow counts and memory already copied to destinations. */
export function migrationLoad(w: World, flows: Float64Array, incoming: Float64Array): void {
  for (let h = 0; h < w.hosts.length; h++) {
    flows[h] = 0;
    incoming[h] = 0;
  }
  for (const t of w.tasks) {
    if (t.state !== 'running' || t.op.kind !== 'liveMigrate') continue;
    const s = w.hostIndex.get(t.op.srcHostId);
    const d = w.hostIndex.get(t.op.dstHostId);
    if (s !== undefined) flows[s] = flows[s]! + 1;
    if (d !== undefined) {
      flows[d] = flows[d]! + 1;
      incoming[d] = incoming[d]! + t.op.copiedMiB;
    }
  }
}

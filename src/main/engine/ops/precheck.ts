/**
 * Live-migration pre-check, like the vMotion compatibility check: errors block the migration,
 * warnings do not. Also predicts duration and downtime from the current dirty rate and bandwidth.
 */
import { vmPoolAdmission } from '../pools/admission';
import { diskFootprintGiB } from './snapshots';
import { hypervisorMemMiB } from '../world/defaults';
import { LoadBook, vmDemand } from '../world/admission';
import type { HostRec, VmRec } from '../world/types';
import type { World } from '../world/world';
import { NIOC_SHARES_VM, NIOC_SHARES_VMOTION } from '../physics/network';
import { dirtyRateMiBps, MBPS_TO_MIBPS, predictPreCopy } from './migration';
import { msg, msgText, type Msg } from '../messages';

export interface MigrationPrecheck {
  vmId: string;
  hostId: string;
  /** 'live' for powered-on VMs, 'cold' otherwise. */
  mode: 'live' | 'cold';
  errors: string[];
  warnings: string[];
  /** The errors and warnings as message codes, in the same order (the console's languages). */
  errorMsgs: Msg[];
  warningMsgs: Msg[];
  predictedDurationSec: number;
  predictedDowntimeMs: number;
  predictedRounds: number;
  dirtyRateMiBps: number;
  bandwidthMiBps: number;
  /** True when the disks must move too (destination cannot reach the current datastore). */
  needsStorageMove: boolean;
}

/** `book`: a LoadBook of the current state to reuse (callers checking many moves at once), else built here. */
export function precheck(
  w: World,
  vm: VmRec,
  hostId: string,
  datastoreId: string | null = null,
  book?: LoadBook,
): MigrationPrecheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const errorMsgs: Msg[] = [];
  const warningMsgs: Msg[] = [];
  const fail = (m: Msg): void => {
    errors.push(msgText(m));
    errorMsgs.push(m);
  };
  const warn = (m: Msg): void => {
    warnings.push(msgText(m));
    warningMsgs.push(m);
  };
  const src = w.hostById.get(vm.hostId);
  const dst = w.hostById.get(hostId);
  const live = vm.power === 'poweredOn' && !vm.haPending;
  const out: MigrationPrecheck = {
    vmId: vm.id,
    hostId,
    mode: live ? 'live' : 'cold',
    errors,
    warnings,
    errorMsgs,
    warningMsgs,
    predictedDurationSec: 0,
    predictedDowntimeMs: 0,
    predictedRounds: 0,
    dirtyRateMiBps: 0,
    bandwidthMiBps: 0,
    needsStorageMove: false,
  };
  if (!dst) {
    fail(msg('pre.hostMissing', { host: hostId }));
    return out;
  }
  if (dst.id === vm.hostId) fail(msg('pre.alreadyOn', { vm: vm.name, host: dst.name }));
  if (dst.state !== 'connected')
    fail(msg('pre.hostState', { host: dst.name, state: msg(`hostState.${dst.state}` as const) }));
  if (vm.busyTaskId !== null) fail(msg('pre.busy', { vm: vm.name, task: vm.busyTaskId }));
  if (vm.haPending) fail(msg('pre.haPending', { vm: vm.name }));
  if (live && vm.passthrough !== undefined && vm.passthrough.length > 0)
    fail(msg('pre.passthrough', { vm: vm.name, devices: vm.passthrough.join(', ') }));
  if (live && src) {
    if (src.cpuVendor !== dst.cpuVendor)
      fail(msg('pre.cpuVendor', { from: src.cpuVendor, to: dst.cpuVendor }));
    else if (dst.cpuGeneration < src.cpuGeneration)
      fail(msg('pre.cpuGeneration', { host: dst.name, model: dst.cpuModel, srcModel: src.cpuModel }));
    else if (dst.cpuGeneration > src.cpuGeneration) warn(msg('pre.newerCpu', { host: dst.name }));
  }
  const unreachable = vm.disks.filter((d) => {
    const ds = w.datastoreById.get(d.datastoreId);
    return !ds || !w.hostCanReach(dst, ds);
  });
  if (datastoreId !== null) {
    const ds = w.datastoreById.get(datastoreId);
    if (!ds) fail(msg('pre.dsMissing', { ds: datastoreId }));
    else if (!w.hostCanReach(dst, ds)) fail(msg('pre.dsUnreachable', { host: dst.name, ds: ds.name }));
    else {
      out.needsStorageMove = true;
      const need = diskFootprintGiB(vm);
      if (ds.capacityGiB - ds.usedGiB < need)
        fail(
          msg('pre.dsFull', {
            ds: ds.name,
            free: Math.floor(ds.capacityGiB - ds.usedGiB),
            need: Math.ceil(need),
          }),
        );
    }
  } else if (unreachable.length > 0) {
    fail(
      msg('pre.dsUnreachableVm', { host: dst.name, ds: unreachable.map((d) => d.datastoreId).join(', ') }),
    );
  }
  if (vm.networkId !== null) {
    const net = w.networkById.get(vm.networkId);
    if (net && !w.hostHasNetwork(dst, net)) fail(msg('pre.network', { net: net.name, host: dst.name }));
  }
  if (live) {
    for (const r of (book ?? new LoadBook(w)).admit(dst, vmDemand(vm)))
      if (r.code !== 'admit.hostState') fail(msg('pre.admit', { host: dst.name, reason: r }));
    // Into another cluster: the VM joins its root pool, whose unreserved capacity must take it (pools/).
    if (src && src.clusterId !== dst.clusterId)
      for (const r of vmPoolAdmission(w, vm, dst.clusterId, null))
        fail(msg('pre.admit', { host: dst.name, reason: r }));
    const memCap = dst.memMiB - hypervisorMemMiB(dst.memMiB);
    if (dst.memConsumedMiB + vm.memWantMiB > memCap)
      warn(
        msg('pre.memOvercommit', {
          host: dst.name,
          pct: Math.round(((dst.memConsumedMiB + vm.memWantMiB) / dst.memMiB) * 100),
        }),
      );
    const cap = dst.sockets * dst.coresPerSocket * dst.coreMHz;
    if (dst.cpuDemandMHz + vm.cpuDemandMHz > 0.9 * cap)
      warn(
        msg('pre.cpuHigh', {
          host: dst.name,
          pct: Math.round(((dst.cpuDemandMHz + vm.cpuDemandMHz) / cap) * 100),
        }),
      );
    const { p, dirty, bw } = preCopyForecast(w, vm, dst, out.needsStorageMove);
    out.dirtyRateMiBps = dirty;
    out.bandwidthMiBps = bw;
    out.predictedRounds = p.rounds;
    out.predictedDurationSec = Number.isFinite(p.durationSec) ? p.durationSec : -1;
    out.predictedDowntimeMs = Number.isFinite(p.downtimeMs) ? p.downtimeMs : -1;
    if (!p.converges) warn(msg('pre.noConverge', { dirty: dirty.toFixed(0), bw: bw.toFixed(0) }));
  } else {
    out.predictedDurationSec = 5;
  }
  return out;
}

/** The pre-copy prediction of the pre-check: the VM's dirty rate against the bandwidth NIOC would give. */
/** Live migrations queued or running that send from or receive on each host (the flows sharing its NIC). */
function migrationFlows(w: World, srcId: string, dstId: string): { src: number; dst: number } {
  const out = { src: 0, dst: 0 };
  for (const t of w.tasks) {
    if (t.op.kind !== 'liveMigrate' || (t.state !== 'running' && t.state !== 'queued')) continue;
    if (t.op.srcHostId === srcId || t.op.dstHostId === srcId) out.src++;
    if (t.op.srcHostId === dstId || t.op.dstHostId === dstId) out.dst++;
  }
  return out;
}

/**
 * `flows`: other migrations on the source and the target (default: those queued or running). The vMotion
 * class gets the NIC minus guest traffic, at least its NIOC share, divided equally among its flows
 * (physics/network.ts) — so a move that would converge alone is not attempted three at a time over one NIC.
 */
function preCopyForecast(
  w: World,
  vm: VmRec,
  dst: HostRec,
  storageMove: boolean,
  flows?: { src: number; dst: number },
): { p: ReturnType<typeof predictPreCopy>; dirty: number; bw: number } {
  const src = w.hostById.get(vm.hostId);
  const cl = w.clusterOfHost(dst.id);
  const others = flows ?? migrationFlows(w, vm.hostId, dst.id);
  const free = (h: { nicMbps: number; netMbps: number; netMigrationMbps: number }, n: number): number =>
    Math.max(
      (h.nicMbps * NIOC_SHARES_VMOTION) / (NIOC_SHARES_VM + NIOC_SHARES_VMOTION),
      h.nicMbps - (h.netMbps - h.netMigrationMbps),
    ) /
    (n + 1);
  const bw = Math.min(src ? free(src, others.src) : 0, free(dst, others.dst)) * MBPS_TO_MIBPS;
  const dirty = dirtyRateMiBps(vm);
  const storageMiB = storageMove ? diskFootprintGiB(vm) * 1024 : 0;
  const p = predictPreCopy(
    Math.max(1, vm.memWantMiB || vm.memMiB),
    dirty,
    bw,
    cl?.settings.migration.downtimeTargetMs ?? 500,
    cl?.settings.migration.maxRounds ?? 30,
    storageMiB,
    400,
  );
  return { p, dirty, bw };
}

/**
 * For the schedulers (whose filter chain already checked capacity, reachability and rules): why a live
 * migration of the VM to the host should not be attempted — the pre-check's pre-copy model predicts it may
 * not converge — else null. Same wording as the pre-check warning.
 */
export function migrationSkipReason(
  w: World,
  vmId: string,
  hostId: string,
  flows?: { src: number; dst: number },
): string | null {
  const vm = w.vmById.get(vmId);
  const dst = w.hostById.get(hostId);
  if (!vm || !dst) return 'the VM or the host no longer exists';
  if (vm.power !== 'poweredOn' || vm.haPending) return null;
  const pt = passthroughReason(vm);
  if (pt !== null) return pt;
  // Scheduler moves keep the datastores (as precheck without a destination datastore).
  const { p, dirty, bw } = preCopyForecast(w, vm, dst, false, flows);
  return p.converges
    ? null
    : `pre-copy may not converge: the guest dirties ${dirty.toFixed(0)} MiB/s against about ${bw.toFixed(0)} MiB/s of bandwidth`;
}

/** A running VM with passed-through devices cannot move live (vSphere DirectPath I/O); null when it can. */
export function passthroughReason(vm: VmRec): string | null {
  const pt = vm.passthrough;
  if (pt === undefined || pt.length === 0) return null;
  return msgText(msg('pre.passthrough', { vm: vm.name, devices: pt.join(', ') }));
}

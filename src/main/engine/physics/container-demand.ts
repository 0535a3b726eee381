/**
 * Containers' demand, the first pass of a tick: back-off restarts, workload, OOM kills (a container whose
 * memory exceeds its limit is killed and restarts with Kubernetes-style back-off, 10 s doubling to
 * 300 s). A container inside a VM parks what it adds to its VM in the tick scratch (ctrCpu, ctrMem,
 * ctrNet, ctrIops, linked in container order from vmCtrHead), and the VM pass (demand.ts) adds it; a
 * direct container registers on its host (ctrHost, the host's container list and memory, ctrCpu /
 * ctrCapped / ctrNet for the host sums). The per-container work sits in this module with its loop, so
 * the loop calls a local function (tsx runs each module separately; calls across modules cost more).
 */
import { evalWorkload, type WorkloadClock, type WorkloadSample } from '../workload/profile';
import type { ContainerRec, HostRec, VmRec } from '../world/types';
import type { World } from '../world/world';
import type { TickScratch } from './scratch';

const sample: WorkloadSample = { cpuFrac: 0, memFrac: 0, intensity: 0 };

export function oomBackoffSec(restarts: number): number {
  return Math.min(300, 10 * Math.pow(2, Math.max(0, restarts - 1)));
}

/** A service replica carries loadReplicas / activeReplicas of its template's CPU load (memory stays per replica). */
export function spreadServiceLoad(w: World, serviceId: string, out: WorkloadSample): void {
  const svc = w.serviceById.get(serviceId);
  if (!svc) return;
  const f = svc.loadReplicas / Math.max(1, svc.activeReplicas);
  out.cpuFrac = Math.min(1, out.cpuFrac * f);
  out.intensity = Math.min(1, out.intensity * f);
}

/** Index of the host the VM runs on this tick (`hi` is the host it is registered on), or −1. */
export function vmRunning(vm: VmRec, hosts: readonly HostRec[], hi: number): number {
  const host = hosts[hi];
  const running = vm.power === 'poweredOn' && !vm.haPending && host !== undefined && host.state !== 'failed' && host.state !== 'standby';
  return running ? hi : -1;
}

/** Every container, in order; the VMs that hold containers get their running state first (as the VM pass finds it). */
export function containersPass(w: World, s: TickScratch, clk: WorkloadClock): void {
  const hosts = w.hosts;
  const vms = w.vms;
  const ctrs = w.containers;
  s.vmCtrHead.fill(-1, 0, vms.length);
  s.vmCtrTail.fill(-1, 0, vms.length);
  for (let k = 0; k < s.ctrVmCount; k++) {
    const vi = s.ctrVmList[k]!;
    const vm = vms[vi];
    s.vmHost[vi] = vm === undefined ? -1 : vmRunning(vm, hosts, s.vmReg[vi]!);
  }
  for (let c = 0; c < ctrs.length; c++) containerDemand(w, s, clk, c, ctrs[c]!);
}

function containerDemand(w: World, s: TickScratch, clk: WorkloadClock, c: number, ct: ContainerRec): void {
  const now = clk.timeSec;
  s.ctrHost[c] = -1;
  s.ctrVm[c] = -1;
  s.ctrPhysHost[c] = -1;
  s.ctrCpu[c] = 0;
  s.ctrMem[c] = 0;
  s.ctrNet[c] = 0;
  s.ctrIops[c] = 0;
  s.ctrUsage[c] = 0;
  s.ctrThrottled[c] = 0;
  s.ctrUp[c] = 0;
  s.ctrRestarts[c] = ct.restarts;
  s.ctrRefMilli[c] = ct.cpuLimitMilli ?? ct.cpuRequestMilli;
  s.ctrRefMiB[c] = ct.memLimitMiB ?? ct.memRequestMiB;
  ct.cpuDemandMHz = 0;
  ct.cpuUsageMHz = 0;
  ct.cpuThrottledMs = 0;
  ct.memUsageMiB = 0;
  ct.netMbps = 0;
  ct.diskIops = 0;
  ct.level = 0;
  if (ct.state === 'backoff' && ct.restartAt !== null && ct.restartAt <= now) {
    ct.state = 'running';
    ct.restartAt = null;
    w.event('info', 'container.restarted', `${ct.name} restarted (restart ${ct.restarts})`, [ct.id]);
  }
  if (ct.state !== 'running') return;
  const hosts = w.hosts;
  let hi = -1;
  let vi = -1;
  if (ct.vmId !== null) {
    vi = s.ctrVmIdx[c]!;
    if (vi >= 0) hi = s.vmHost[vi]!;
    if (hi < 0) return;
  } else if (ct.hostId !== null) {
    hi = s.ctrHostIdx[c]!;
    const h = hosts[hi];
    if (!h || h.state === 'failed' || h.state === 'standby') return;
  }
  const host = hosts[hi];
  if (!host) return;
  s.ctrPhysHost[c] = hi;
  evalWorkload(ct.wp, ct.wl, ct.seq, clk, sample);
  if (ct.serviceId !== null) spreadServiceLoad(w, ct.serviceId, sample);
  const refMilli = ct.cpuLimitMilli ?? ct.cpuRequestMilli;
  const refMiB = ct.memLimitMiB ?? ct.memRequestMiB;
  const memMiB = sample.memFrac * refMiB;
  if (ct.memLimitMiB !== null && memMiB > ct.memLimitMiB) {
    oomKill(w, ct, memMiB, now);
    s.ctrRestarts[c] = ct.restarts;
    return;
  }
  s.ctrUp[c] = 1;
  const cpuDemand = ((sample.cpuFrac * refMilli) / 1000) * host.coreMHz;
  const net = ct.wp.netPeakMbps * sample.intensity;
  ct.level = sample.cpuFrac;
  ct.cpuDemandMHz = cpuDemand;
  ct.memUsageMiB = memMiB;
  ct.netMbps = net;
  ct.diskIops = ct.wp.iopsPeak * sample.intensity;
  s.ctrCpu[c] = cpuDemand;
  s.ctrNet[c] = net;
  s.ctrMem[c] = memMiB;
  s.ctrIops[c] = ct.diskIops;
  if (vi >= 0) {
    s.ctrVm[c] = vi;
    s.ctrInNext[c] = -1;
    const tail = s.vmCtrTail[vi]!;
    if (tail < 0) s.vmCtrHead[vi] = c;
    else s.ctrInNext[tail] = c;
    s.vmCtrTail[vi] = c;
  } else {
    const limit = ct.cpuLimitMilli === null ? Infinity : (ct.cpuLimitMilli / 1000) * host.coreMHz;
    s.ctrCapped[c] = Math.min(cpuDemand, limit);
    s.ctrHost[c] = hi;
    s.ctrNext[c] = s.hostCtrHead[hi]!;
    s.hostCtrHead[hi] = c;
    s.hostCtrMiB[hi] = s.hostCtrMiB[hi]! + memMiB;
  }
}

function oomKill(w: World, ct: ContainerRec, memMiB: number, now: number): void {
  ct.oomKills++;
  ct.restarts++;
  if (ct.restartPolicy === 'never') {
    ct.state = 'stopped';
    w.event('error', 'container.oomKilled', `${ct.name} was OOM-killed (${memMiB.toFixed(0)} MiB > limit ${ct.memLimitMiB} MiB) and stays stopped`, [ct.id]);
  } else {
    ct.state = 'backoff';
    ct.restartAt = now + oomBackoffSec(ct.restarts);
    w.event('warning', 'container.oomKilled', `${ct.name} was OOM-killed (${memMiB.toFixed(0)} MiB > limit ${ct.memLimitMiB} MiB); restart in ${oomBackoffSec(ct.restarts)} s`, [ct.id]);
  }
}

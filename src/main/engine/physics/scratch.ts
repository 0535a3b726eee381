/** Reusable per-tick buffers: grown when the world grows, never allocated per tick otherwise. */
import { DemandFrame } from '../world/demand-frame';
import { newFairShareScratch, type FairShareScratch } from './fair-share';
import { TopoScratch } from './topology';
import { SiocScratch } from './sioc';
import { RuntimeScratch } from './runtime';

function grow(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  return a.length >= n ? a : new Float64Array(Math.max(n, a.length * 2, 16));
}
function growI(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  return a.length >= n ? a : new Int32Array(Math.max(n, a.length * 2, 16));
}

/**
 * What the pool division reads of each running VM (pools/divide.ts gather), copied by the demand pass
 * while it holds the record, so the division needs no pass of its own over the VM records. Only filled
 * when the world has pools.
 */
export class PoolInputs {
  /** vCPUs × the host's core MHz; CPU limit (Infinity = none); CPU reservation and shares. */
  vcpuMHz = new Float64Array(16);
  cpuLim = new Float64Array(16);
  cpuRes = new Float64Array(16);
  cpuSh = new Float64Array(16);
  /** Configured memory, its limit (the configured memory when none), reservation and shares. */
  memMiB = new Float64Array(16);
  memLim = new Float64Array(16);
  memRes = new Float64Array(16);
  memSh = new Float64Array(16);

  ensure(vms: number): void {
    if (this.vcpuMHz.length >= vms) return;
    const m = Math.max(vms, this.vcpuMHz.length * 2);
    this.vcpuMHz = new Float64Array(m);
    this.cpuLim = new Float64Array(m);
    this.cpuRes = new Float64Array(m);
    this.cpuSh = new Float64Array(m);
    this.memMiB = new Float64Array(m);
    this.memLim = new Float64Array(m);
    this.memRes = new Float64Array(m);
    this.memSh = new Float64Array(m);
  }
}

export class TickScratch {
  /** Per VM: host index while running this tick, else −1. */
  vmHost = new Int32Array(16);
  /** Per VM: index of the host it is registered on (running or not), −1 when unknown. */
  vmReg = new Int32Array(16);
  /** Per VM: index of its first disk's datastore, −1 when none. */
  vmDs0 = new Int32Array(16);
  /** Per container: index of the physical host it runs on this tick, −1 when not running. */
  ctrPhysHost = new Int32Array(16);
  /** Per host: index of its cluster; per host: running VM count. */
  hostCluster = new Int32Array(16);
  hostRunning = new Float64Array(16);
  /** Per host, summed in the sequential VM pass: memory wanted + overhead, active, CPU demand (raw and
   *  capped by vCPUs/limits), network, memory still swapped/compressed; flags of the detailed paths taken. */
  hostMemDemand = new Float64Array(16);
  hostMemActive = new Float64Array(16);
  hostMemWant = new Float64Array(16);
  hostCpuRaw = new Float64Array(16);
  hostCpuCapped = new Float64Array(16);
  hostNetSum = new Float64Array(16);
  hostReclaimed = new Float64Array(16);
  hostFlags = new Int32Array(16);
  /** Per VM: CPU demand capped by vCPUs × core MHz and the limit. */
  vmCapped = new Float64Array(16);
  /** Per VM: provisioned and used disk GiB (from the storage pass, for the metric blocks). */
  vmProvGiB = new Float64Array(16);
  vmUsedGiB = new Float64Array(16);
  /**
   * Per running VM: its workload's memCachePct / 100 and newDataPct, copied by the demand pass while it
   * holds the workload params, so the later passes need not load that object again (a cache miss each).
   */
  vmCacheFrac = new Float64Array(16);
  vmNewDataPct = new Float64Array(16);
  /** Per VM: next running VM on the same host (linked list), −1 ends. */
  vmNext = new Int32Array(16);
  /** Per container: host index when running directly on a host, else −1. */
  ctrHost = new Int32Array(16);
  /** Per container: VM index when running inside a VM, else −1. */
  ctrVm = new Int32Array(16);
  /** Per VM: Σ CPU demand (MHz) of its containers. */
  vmCtrDemand = new Float64Array(16);
  /** Per VM: memory stall penalty 0..1. */
  vmPenalty = new Float64Array(16);
  /** Per host: first running VM (−1 none). */
  hostHead = new Int32Array(16);
  hostCtrMiB = new Float64Array(16);
  hostIncomingMiB = new Float64Array(16);
  hostMigFlows = new Float64Array(16);
  hostGuestNet = new Float64Array(16);
  hostNetFactor = new Float64Array(16);
  hostMigMbps = new Float64Array(16);
  /** Participants of one host's CPU division. */
  pd = new Float64Array(64);
  pr = new Float64Array(64);
  ps = new Float64Array(64);
  pout = new Float64Array(64);
  /** Participant → guest: ≥ 0 VM index, < 0 container −(index+1). */
  pref = new Int32Array(64);
  /** Per host: first direct container (linked list through ctrNext). */
  hostCtrHead = new Int32Array(16);
  ctrNext = new Int32Array(16);
  fair: FairShareScratch = newFairShareScratch();
  /** world.version the cached layout indexes (vmReg, vmDs0, ctrVmIdx, hostCluster) were built for. */
  layoutVersion = -1;
  /** Per container: index of its VM (−1 when on a host). */
  ctrVmIdx = new Int32Array(16);
  /** Per container: index of its host when it runs directly on one (−1 otherwise). */
  ctrHostIdx = new Int32Array(16);
  penalties: number[] = [];
  /** Resource pools (pools/divide.ts), null when the world has none: per VM, its CPU entitlement (MHz, Infinity
   *  outside pooled clusters), its weight on a contended host, and the cap of its backed memory (MiB). */
  poolCpuCap: Float64Array | null = null;
  poolWeight: Float64Array | null = null;
  poolMemCap: Float64Array | null = null;
  /** This tick's guest demand as the DRS/DPM windows sample it (filled by the demand pass). */
  readonly frame = new DemandFrame();
  /** Per-VM figures of the detailed CPU model (hosts with a topology; physics/topology.ts). */
  readonly topo = new TopoScratch();
  /** Disk IOPS limits and Storage I/O Control (physics/sioc.ts). */
  readonly sioc = new SiocScratch();
  /** Managed runtimes' heaps and GC pauses (physics/runtime.ts). */
  readonly rt = new RuntimeScratch();
  /** Inputs of the pool division, filled by the demand pass when the world has pools (pools/divide.ts). */
  readonly poolIn = new PoolInputs();

  ensure(hosts: number, vms: number, containers: number): void {
    this.vmHost = growI(this.vmHost, vms);
    this.vmNext = growI(this.vmNext, vms);
    this.vmReg = growI(this.vmReg, vms);
    this.vmDs0 = growI(this.vmDs0, vms);
    this.ctrPhysHost = growI(this.ctrPhysHost, containers);
    this.ctrVmIdx = growI(this.ctrVmIdx, containers);
    this.ctrHostIdx = growI(this.ctrHostIdx, containers);
    this.hostCluster = growI(this.hostCluster, hosts);
    this.hostRunning = grow(this.hostRunning, hosts);
    this.hostMemDemand = grow(this.hostMemDemand, hosts);
    this.hostMemActive = grow(this.hostMemActive, hosts);
    this.hostMemWant = grow(this.hostMemWant, hosts);
    this.hostCpuRaw = grow(this.hostCpuRaw, hosts);
    this.hostCpuCapped = grow(this.hostCpuCapped, hosts);
    this.hostNetSum = grow(this.hostNetSum, hosts);
    this.hostReclaimed = grow(this.hostReclaimed, hosts);
    this.hostFlags = growI(this.hostFlags, hosts);
    this.vmCapped = grow(this.vmCapped, vms);
    this.vmProvGiB = grow(this.vmProvGiB, vms);
    this.vmUsedGiB = grow(this.vmUsedGiB, vms);
    this.vmCacheFrac = grow(this.vmCacheFrac, vms);
    this.vmNewDataPct = grow(this.vmNewDataPct, vms);
    this.vmCtrDemand = grow(this.vmCtrDemand, vms);
    this.vmPenalty = grow(this.vmPenalty, vms);
    this.ctrHost = growI(this.ctrHost, containers);
    this.ctrVm = growI(this.ctrVm, containers);
    this.ctrNext = growI(this.ctrNext, containers);
    this.hostHead = growI(this.hostHead, hosts);
    this.hostCtrHead = growI(this.hostCtrHead, hosts);
    this.hostCtrMiB = grow(this.hostCtrMiB, hosts);
    this.hostIncomingMiB = grow(this.hostIncomingMiB, hosts);
    this.hostMigFlows = grow(this.hostMigFlows, hosts);
    this.hostGuestNet = grow(this.hostGuestNet, hosts);
    this.hostNetFactor = grow(this.hostNetFactor, hosts);
    this.hostMigMbps = grow(this.hostMigMbps, hosts);
    this.topo.ensure(vms);
    this.topo.ensureHosts(hosts);
    this.sioc.ensure(vms);
    this.rt.ensure(vms);
  }

  ensureParticipants(n: number): void {
    if (this.pd.length >= n) return;
    const m = Math.max(n, this.pd.length * 2);
    this.pd = new Float64Array(m);
    this.pr = new Float64Array(m);
    this.ps = new Float64Array(m);
    this.pout = new Float64Array(m);
    this.pref = new Int32Array(m);
  }
}

/**
 * Averaged demand for DRS and DPM. vSphere DRS judges load averaged over its 5-minute invocation interval,
 * and DPM judges power-on on 5 minutes and power-off on 40 minutes of demand history [V4][V17], so one
 * spike does not move VMs or wake hosts. Method (docs/scheduling.md 2.5):
 *
 *  - Per guest (VM, container), dense Float64Arrays indexed like `w.vms` / `w.containers`: the sums of CPU
 *    demand (MHz) and active memory (MiB) over the ticks of the current DRS interval while the guest runs,
 *    and the sample count. `recordDemand` adds the tick's physics outputs every tick (one tight loop, no
 *    allocation). At each scheduling tick (every DRS_INTERVAL_SEC of simulated time) the interval closes
 *    (its arrays become the "last" ones by a swap) and zeroed sums open: the guest's averaged demand is
 *    then Σ / n over the closed interval. The interval is
 *    exactly the last ceil(300 / tickSeconds) ticks when tickSeconds divides 300, so the pass at a
 *    scheduling tick sees the exact 5-minute mean; between passes the view uses the samples of the open
 *    interval (fewer than a full window: the samples available), or the last closed interval when the
 *    open one is still empty, or the current tick for a guest never sampled.
 *  - Per host, a ring of the last HOST_SLOTS closed intervals (8 × 300 s = 40 min): the host's CPU and
 *    memory demand in each (Σ of the interval means of the guests on it when the interval closed) and the
 *    ticks it lasted. DPM's 40-minute demand of a host is the tick-weighted mean over its slots.
 *
 * Inventory changes: guests are matched by id; when the order or count of `w.vms` / `w.containers`
 * changes, the arrays are re-laid out by id (a deleted guest's history is dropped, a new one starts empty,
 * a migrated VM keeps its own history — host sums are derived from where guests are). The state lives
 * beside the world (a WeakMap), and snapshot.ts persists it (demand-state.ts: `demandState` / `restoreDemandState`), so a
 * restored engine continues bit-identically.
 */
import { currentDemandFrame, type DemandFrame } from '../world/demand-frame';
import { vmOverheadMiB } from '../world/defaults';
import type { ContainerRec, VmRec } from '../world/types';
import type { World } from '../world/world';

/** The DRS window and invocation interval, s. */
export const DRS_WINDOW_SEC = 300;
/** DPM judges power-off on this much host demand history, s. */
export const DPM_OFF_WINDOW_SEC = 2400;
/** Closed intervals kept per host: 40 min / 5 min. */
export const HOST_SLOTS = DPM_OFF_WINDOW_SEC / DRS_WINDOW_SEC;

/** Dense per-guest sums (and sample counts) over the open interval and over the last closed one. */
export class GuestSeries {
  ids: string[] = [];
  index = new Map<string, number>();
  openCpu = new Float64Array(0);
  openMem = new Float64Array(0);
  openCnt = new Float64Array(0);
  lastCpu = new Float64Array(0);
  lastMem = new Float64Array(0);
  lastCnt = new Float64Array(0);

  /** Lays the arrays out like `list` (by id) when the inventory changed; cheap identity check otherwise. */
  sync(list: readonly { id: string }[]): void {
    const n = list.length;
    let same = this.ids.length === n;
    for (let i = 0; same && i < n; i++) if (this.ids[i] !== list[i]!.id) same = false;
    if (same) return;
    const old = { ...this };
    const oldIndex = this.index;
    this.ids = list.map((g) => g.id);
    this.index = new Map(this.ids.map((id, i) => [id, i]));
    const cap = Math.max(16, n);
    const fields = ['openCpu', 'openMem', 'openCnt', 'lastCpu', 'lastMem', 'lastCnt'] as const;
    for (const f of fields) this[f] = new Float64Array(cap);
    for (let i = 0; i < n; i++) {
      const j = oldIndex.get(this.ids[i]!);
      if (j === undefined) continue;
      for (const f of fields) this[f][i] = old[f][j]!;
    }
  }

  /** The open interval becomes the last one (swap, no copy) and a zeroed one opens. */
  close(): void {
    [this.lastCpu, this.openCpu] = [this.openCpu, this.lastCpu];
    [this.lastMem, this.openMem] = [this.openMem, this.lastMem];
    [this.lastCnt, this.openCnt] = [this.openCnt, this.lastCnt];
    this.openCpu.fill(0);
    this.openMem.fill(0);
    this.openCnt.fill(0);
  }

  /** Index of the guest, or -1 when it has no sample (open or last interval). */
  sampled(id: string): number {
    const i = this.index.get(id);
    if (i === undefined) return -1;
    return this.openCnt[i]! > 0 || this.lastCnt[i]! > 0 ? i : -1;
  }
  cpuOf(i: number): number {
    const c = this.openCnt[i]!;
    return c > 0 ? this.openCpu[i]! / c : this.lastCpu[i]! / this.lastCnt[i]!;
  }
  memOf(i: number): number {
    const c = this.openCnt[i]!;
    return c > 0 ? this.openMem[i]! / c : this.lastMem[i]! / this.lastCnt[i]!;
  }
  samples(i: number): number {
    const c = this.openCnt[i]!;
    return c > 0 ? c : this.lastCnt[i]!;
  }
}

export class DemandHistory {
  readonly vms = new GuestSeries();
  readonly containers = new GuestSeries();
  hostIds: string[] = [];
  hostIndex = new Map<string, number>();
  /** [host × HOST_SLOTS]: CPU MHz, memory MiB and ticks of each closed interval (0 ticks = no data). */
  ringCpu = new Float64Array(0);
  ringMem = new Float64Array(0);
  ringTicks = new Float64Array(0);
  /** Next slot to write. */
  head = 0;
  /** Ticks recorded since the last interval closed. */
  openTicks = 0;
  /** `w.version` the guest layouts were last checked at (it moves on every structural change). */
  seenVersion = -1;
  /** Host index of each VM (by `w.vms` position), valid while `w.version` stays at `hostMapVersion`. */
  vmHost = new Int32Array(0);
  hostMapVersion = -1;

  syncHosts(w: Readonly<World>): void {
    const n = w.hosts.length;
    let same = this.hostIds.length === n;
    for (let i = 0; same && i < n; i++) if (this.hostIds[i] !== w.hosts[i]!.id) same = false;
    if (same) return;
    const old = { cpu: this.ringCpu, mem: this.ringMem, ticks: this.ringTicks, index: this.hostIndex };
    this.hostIds = w.hosts.map((h) => h.id);
    this.hostIndex = new Map(this.hostIds.map((id, i) => [id, i]));
    this.ringCpu = new Float64Array(n * HOST_SLOTS);
    this.ringMem = new Float64Array(n * HOST_SLOTS);
    this.ringTicks = new Float64Array(n * HOST_SLOTS);
    for (let i = 0; i < n; i++) {
      const j = old.index.get(this.hostIds[i]!);
      if (j === undefined) continue;
      this.ringCpu.set(old.cpu.subarray(j * HOST_SLOTS, (j + 1) * HOST_SLOTS), i * HOST_SLOTS);
      this.ringMem.set(old.mem.subarray(j * HOST_SLOTS, (j + 1) * HOST_SLOTS), i * HOST_SLOTS);
      this.ringTicks.set(old.ticks.subarray(j * HOST_SLOTS, (j + 1) * HOST_SLOTS), i * HOST_SLOTS);
    }
  }

  /** Averaged CPU demand (MHz) of a VM, or its current demand when never sampled. */
  vmCpuMHz(vm: VmRec): number {
    const i = this.vms.sampled(vm.id);
    return i < 0 ? vm.cpuDemandMHz : this.vms.cpuOf(i);
  }
  /** Averaged memory demand (active + overhead, MiB) of a VM. */
  vmMemMiB(vm: VmRec): number {
    const i = this.vms.sampled(vm.id);
    return (i < 0 ? activeMiB(vm) : this.vms.memOf(i)) + vmOverheadMiB(vm.memMiB, vm.vcpus);
  }
  ctCpuMHz(ct: ContainerRec): number {
    const i = this.containers.sampled(ct.id);
    return i < 0 ? ct.cpuDemandMHz : this.containers.cpuOf(i);
  }
  ctMemMiB(ct: ContainerRec): number {
    const i = this.containers.sampled(ct.id);
    return i < 0 ? ct.memUsageMiB : this.containers.memOf(i);
  }

  /** DPM's 40-minute demand of a host (tick-weighted over its closed intervals), or null with no history. */
  hostLongDemand(hostId: string): { cpuMHz: number; memMiB: number; ticks: number } | null {
    const h = this.hostIndex.get(hostId);
    if (h === undefined) return null;
    let cpu = 0;
    let mem = 0;
    let ticks = 0;
    for (let k = h * HOST_SLOTS; k < (h + 1) * HOST_SLOTS; k++) {
      const t = this.ringTicks[k]!;
      cpu += this.ringCpu[k]! * t;
      mem += this.ringMem[k]! * t;
      ticks += t;
    }
    return ticks > 0 ? { cpuMHz: cpu / ticks, memMiB: mem / ticks, ticks } : null;
  }
}

/** Active memory a VM demands (its configured share before its first tick), MiB, without overhead. */
export function activeMiB(vm: VmRec): number {
  return vm.memActiveMiB > 0 ? vm.memActiveMiB : (vm.memMiB * vm.workload.memActivePct) / 100;
}

const histories = new WeakMap<Readonly<World>, DemandHistory>();

/** The world's demand history, or null when it was never recorded (the current tick is used then). */
export function demandHistory(w: Readonly<World>): DemandHistory | null {
  return histories.get(w) ?? null;
}

/** Puts a history beside the world (a restored snapshot), or drops it (null). */
export function setDemandHistory(w: Readonly<World>, h: DemandHistory | null): void {
  if (h) histories.set(w, h);
  else histories.delete(w);
}

/** Adds this tick's demand of every running guest to the open interval. Called once per tick after the physics. */
export function recordDemand(w: Readonly<World>): void {
  let h = histories.get(w);
  if (!h) {
    h = new DemandHistory();
    histories.set(w, h);
  }
  const vs = h.vms;
  const cs = h.containers;
  // Ids are compared only after a structural change (w.version moved): the common tick is one tight loop.
  if (w.version !== h.seenVersion) {
    vs.sync(w.vms);
    cs.sync(w.containers);
    h.seenVersion = w.version;
  }
  const frame = currentDemandFrame(w);
  if (frame) {
    addVmFrame(w, vs, frame);
    addContainerFrame(cs, frame);
  } else {
    addVmRecords(w, vs);
    addContainerRecords(w, cs);
  }
  h.openTicks++;
}

/**
 * The same sums from the physics pass's dense arrays (world/demand-frame.ts): identical values added in
 * the same order; a VM's record is read only for the configured-share fallback (no active memory yet).
 */
function addVmFrame(w: Readonly<World>, vs: GuestSeries, f: DemandFrame): void {
  const { openCpu, openMem, openCnt } = vs;
  const { vmCpu, vmMem, vmOn } = f;
  const n = f.vmCount;
  for (let i = 0; i < n; i++) {
    if (vmOn[i] === 0) continue;
    const m = vmMem[i]!;
    openCpu[i]! += vmCpu[i]!;
    openMem[i]! += m > 0 ? m : activeMiB(w.vms[i]!);
    openCnt[i]! += 1;
  }
}

function addContainerFrame(cs: GuestSeries, f: DemandFrame): void {
  const { openCpu, openMem, openCnt } = cs;
  const { ctCpu, ctMem, ctOn } = f;
  const n = f.ctCount;
  for (let i = 0; i < n; i++) {
    if (ctOn[i] === 0) continue;
    openCpu[i]! += ctCpu[i]!;
    openMem[i]! += ctMem[i]!;
    openCnt[i]! += 1;
  }
}

/** Without a frame (the scheduler called outside an engine step, or a task changed a guest after the physics). */
function addVmRecords(w: Readonly<World>, vs: GuestSeries): void {
  const vms = w.vms;
  const { openCpu, openMem, openCnt } = vs;
  for (let i = 0; i < vms.length; i++) {
    const vm = vms[i]!;
    if (vm.power !== 'poweredOn' || vm.haPending) continue;
    openCpu[i]! += vm.cpuDemandMHz;
    openMem[i]! += vm.memActiveMiB > 0 ? vm.memActiveMiB : (vm.memMiB * vm.workload.memActivePct) / 100;
    openCnt[i]! += 1;
  }
}

function addContainerRecords(w: Readonly<World>, cs: GuestSeries): void {
  const cts = w.containers;
  const { openCpu, openMem, openCnt } = cs;
  for (let i = 0; i < cts.length; i++) {
    const ct = cts[i]!;
    if (ct.state !== 'running') continue;
    openCpu[i]! += ct.cpuDemandMHz;
    openMem[i]! += ct.memUsageMiB;
    openCnt[i]! += 1;
  }
}

/**
 * Closes the DRS interval (call on a scheduling tick, after `recordDemand`): guests' means become their
 * averaged demand and each host's demand in the interval (by where its guests run now) enters its ring.
 */
export function closeInterval(w: Readonly<World>): void {
  const h = histories.get(w);
  if (!h) return;
  if (w.version !== h.seenVersion) {
    h.vms.sync(w.vms);
    h.containers.sync(w.containers);
    h.seenVersion = w.version;
  }
  h.vms.close();
  h.containers.close();
  h.syncHosts(w);
  // Host index per VM, rebuilt only when the inventory or a VM's host changed (both move w.version).
  if (h.hostMapVersion !== w.version || h.vmHost.length !== w.vms.length) {
    h.vmHost = new Int32Array(w.vms.length);
    for (let i = 0; i < w.vms.length; i++) h.vmHost[i] = h.hostIndex.get(w.vms[i]!.hostId) ?? -1;
    h.hostMapVersion = w.version;
  }
  const slot = h.head;
  const n = h.hostIds.length;
  for (let i = 0; i < n; i++) {
    h.ringCpu[i * HOST_SLOTS + slot] = 0;
    h.ringMem[i * HOST_SLOTS + slot] = 0;
    const host = w.hosts[i]!;
    h.ringTicks[i * HOST_SLOTS + slot] = host.state === 'connected' ? h.openTicks : 0;
  }
  const vs = h.vms;
  for (let i = 0; i < w.vms.length; i++) {
    const c = vs.lastCnt[i]!;
    if (c === 0) continue;
    const vm = w.vms[i]!;
    const hi = h.vmHost[i]!;
    if (hi < 0 || vm.power !== 'poweredOn' || vm.haPending) continue;
    h.ringCpu[hi * HOST_SLOTS + slot]! += vs.lastCpu[i]! / c;
    h.ringMem[hi * HOST_SLOTS + slot]! += vs.lastMem[i]! / c + vmOverheadMiB(vm.memMiB, vm.vcpus);
  }
  const cs = h.containers;
  for (let i = 0; i < w.containers.length; i++) {
    const ct = w.containers[i]!;
    const c = cs.lastCnt[i]!;
    if (c === 0 || ct.hostId === null || ct.state !== 'running') continue;
    const hi = h.hostIndex.get(ct.hostId);
    if (hi === undefined) continue;
    h.ringCpu[hi * HOST_SLOTS + slot]! += cs.lastCpu[i]! / c;
    h.ringMem[hi * HOST_SLOTS + slot]! += cs.lastMem[i]! / c;
  }
  h.head = (slot + 1) % HOST_SLOTS;
  h.openTicks = 0;
}

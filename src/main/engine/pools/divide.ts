/**
 * How a cluster's contended capacity is divided through its resource-pool tree, the vSphere way [RM]:
 * the cluster (root pool) divides what it has among its children — pools and VMs directly under it — by
 * max-min fair share: each child first gets min(demand, reservation), the rest goes in proportion to
 * shares, nobody above its demand (a pool's demand is its children's, capped by its limit); each pool
 * then divides its own entitlement among its children the same way. A pool's shares compete only with
 * its siblings, so a pool of many VMs with the same shares as one VM gets the same total (the "pie
 * paradox") and each of its VMs a slice of that.
 *
 * Runs only for clusters that have pools (the world has none: nothing runs, results are bit-identical).
 * Cost per tick: one pass over the VMs, one over the pools, and one fair-share division per pool with
 * children (sorting its children): O(VMs + pools·log) overall.
 *
 * CPU: the entitlement caps what each VM of a pooled cluster can use this tick, and on a contended host
 * the VMs divide the host in proportion to their hierarchical share fraction (DRS sets per-host pool
 * shares so each host honours the tree). Memory: the entitlement is computed and reported; pool memory
 * limits cap their VMs' backed memory like a VM limit does (docs/model.md, "Resource pools").
 */
import { fairShare, newFairShareScratch } from '../physics/fair-share';
import type { TickScratch } from '../physics/scratch';
import { hypervisorMemMiB } from '../world/defaults';
import type { VmRec } from '../world/types';
import type { World } from '../world/world';
import type { PoolRec } from './types';

/** The pool tree of every pooled cluster, rebuilt when the world's layout changes. */
export interface PoolLayout {
  version: number;
  pools: PoolRec[];
  /** Nodes: one root per pooled cluster, then the pools (parents before children). */
  n: number;
  /** Pool of a node (null for a root). */
  nodePool: (PoolRec | null)[];
  nodeParent: Int32Array;
  /** Cluster index of each node. */
  nodeCluster: Int32Array;
  /** Children of each node: child nodes in childNodes[childStart[k] .. childStart[k+1]). */
  childStart: Int32Array;
  childNodes: Int32Array;
  /** VMs directly in each node (VM indexes), CSR like the child nodes. */
  vmStart: Int32Array;
  vmList: Int32Array;
  /** Per VM: its node (−1: its cluster has no pools). */
  vmNode: Int32Array;
  /** Per cluster index: its root node (−1: no pools). */
  rootOf: Int32Array;
}

/** Per-tick buffers of the division (one per world). */
interface PoolBuffers {
  demand: Float64Array;
  capped: Float64Array;
  ent: Float64Array;
  frac: Float64Array;
  vmEnt: Float64Array;
  pd: Float64Array;
  pr: Float64Array;
  ps: Float64Array;
  pout: Float64Array;
  pref: Int32Array;
  /** Per VM, gathered once per tick (one read of each guest record): running, demand, reservation, shares. */
  run: Uint8Array;
  cpuD: Float64Array;
  memD: Float64Array;
  cpuRes: Float64Array;
  memRes: Float64Array;
  cpuSh: Float64Array;
  memSh: Float64Array;
  /** Per cluster index: capacity of its hosts that run VMs. */
  capCpu: Float64Array;
  capMem: Float64Array;
}

const layouts = new WeakMap<World, PoolLayout>();
const buffers = new WeakMap<World, PoolBuffers>();
const fair = newFairShareScratch();

/** The pool a VM is in: its own when that pool exists in the VM's current cluster, else null (the root). */
export function effectivePool(w: World, vm: VmRec): PoolRec | null {
  if (vm.poolId === undefined) return null;
  const p = w.poolById.get(vm.poolId);
  if (!p) return null;
  const h = w.hostById.get(vm.hostId);
  return h && h.clusterId === p.clusterId ? p : null;
}

export function poolLayout(w: World): PoolLayout {
  const cached = layouts.get(w);
  if (cached && cached.version === w.version && cached.pools === w.pools) return cached;
  const clusterIdx = w.clusterIndex;
  const rootOf = new Int32Array(w.clusters.length).fill(-1);
  const nodePool: (PoolRec | null)[] = [];
  const nodeCluster: number[] = [];
  for (const p of w.pools) {
    const ci = clusterIdx.get(p.clusterId);
    if (ci === undefined || rootOf[ci]! >= 0) continue;
    rootOf[ci] = nodePool.length;
    nodePool.push(null);
    nodeCluster.push(ci);
  }
  const poolNode = new Map<string, number>();
  for (const p of w.pools) {
    const ci = clusterIdx.get(p.clusterId);
    if (ci === undefined) continue;
    poolNode.set(p.id, nodePool.length);
    nodePool.push(p);
    nodeCluster.push(ci);
  }
  const n = nodePool.length;
  const nodeParent = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const p = nodePool[k];
    if (!p) continue;
    const parent = p.parentId === null ? undefined : poolNode.get(p.parentId);
    nodeParent[k] = parent ?? rootOf[nodeCluster[k]!]!;
  }
  const vmNode = new Int32Array(w.vms.length).fill(-1);
  for (let i = 0; i < w.vms.length; i++) {
    const vm = w.vms[i]!;
    const h = w.hostById.get(vm.hostId);
    const ci = h ? clusterIdx.get(h.clusterId) : undefined;
    if (ci === undefined || rootOf[ci]! < 0) continue;
    const p = effectivePool(w, vm);
    vmNode[i] = p ? poolNode.get(p.id)! : rootOf[ci]!;
  }
  const csr = (count: number, keyOf: (j: number) => number) => {
    const start = new Int32Array(n + 1);
    for (let j = 0; j < count; j++) {
      const k = keyOf(j);
      if (k >= 0) start[k + 1] = start[k + 1]! + 1;
    }
    for (let k = 0; k < n; k++) start[k + 1] = start[k + 1]! + start[k]!;
    const fill = start.slice(0, n);
    const list = new Int32Array(start[n]!);
    for (let j = 0; j < count; j++) {
      const k = keyOf(j);
      if (k < 0) continue;
      list[fill[k]!] = j;
      fill[k] = fill[k]! + 1;
    }
    return { start, list };
  };
  const kids = csr(n, (k) => nodeParent[k]!);
  const vmsOf = csr(w.vms.length, (i) => vmNode[i]!);
  const layout: PoolLayout = {
    version: w.version,
    pools: w.pools,
    n,
    nodePool,
    nodeParent,
    nodeCluster: Int32Array.from(nodeCluster),
    childStart: kids.start,
    childNodes: kids.list,
    vmStart: vmsOf.start,
    vmList: vmsOf.list,
    vmNode,
    rootOf,
  };
  layouts.set(w, layout);
  return layout;
}

function buffersFor(
  w: World | null,
  n: number,
  vms: number,
  clusters: number,
  cache: WeakMap<World, PoolBuffers> = buffers,
): PoolBuffers {
  let b = w ? cache.get(w) : undefined;
  const kids = n + vms;
  if (!b || b.demand.length < n || b.cpuD.length < vms || b.pd.length < kids || b.capCpu.length < clusters) {
    const f = (k: number) => new Float64Array(k);
    b = {
      demand: f(n),
      capped: f(n),
      ent: f(n),
      frac: f(n),
      vmEnt: f(vms),
      pd: f(kids),
      pr: f(kids),
      ps: f(kids),
      pout: f(kids),
      pref: new Int32Array(kids),
      run: new Uint8Array(vms),
      cpuD: f(vms),
      memD: f(vms),
      cpuRes: f(vms),
      memRes: f(vms),
      cpuSh: f(vms),
      memSh: f(vms),
      capCpu: f(clusters),
      capMem: f(clusters),
    };
    if (w) cache.set(w, b);
  }
  return b;
}

/**
 * The pooled VMs' inputs of this tick: which run, and what each running one wants of CPU (capped by vCPUs
 * and its limit), with its reservation and shares; memory too when `mem` (backed memory, as
 * physics/memory.ts vmWantMiBCache computes it). Reads the demand pass's copies (scratch.poolIn, the
 * demand frame), not the VM records.
 */
function gather(s: TickScratch, L: PoolLayout, b: PoolBuffers, mem: boolean): void {
  const node = L.vmNode;
  const pin = s.poolIn;
  const cpu = s.frame.vmCpu;
  const act = s.frame.vmMem;
  for (let i = 0; i < node.length; i++) {
    if (node[i]! < 0) continue;
    const h = s.vmHost[i]!;
    if (h < 0) {
      b.run[i] = 0;
      b.cpuD[i] = 0;
      b.memD[i] = 0;
      continue;
    }
    b.run[i] = 1;
    b.cpuD[i] = Math.min(cpu[i]!, pin.vcpuMHz[i]!, pin.cpuLim[i]!);
    b.cpuRes[i] = pin.cpuRes[i]!;
    b.cpuSh[i] = pin.cpuSh[i]!;
    if (mem) {
      const a = act[i]!;
      const memMiB = pin.memMiB[i]!;
      const want = a + s.vmCacheFrac[i]! * Math.max(0, memMiB - a);
      b.memD[i] = Math.min(pin.memLim[i]!, memMiB, Math.max(want, pin.memRes[i]!));
      b.memRes[i] = pin.memRes[i]!;
      b.memSh[i] = pin.memSh[i]!;
    }
  }
}

/** Bottom-up: each node's demand (its VMs' and its child pools' asks), and what it asks of its parent. */
function demands(L: PoolLayout, b: PoolBuffers, r: 'cpu' | 'mem'): void {
  const d = r === 'cpu' ? b.cpuD : b.memD;
  for (let k = L.n - 1; k >= 0; k--) {
    let sum = b.demand[k]!;
    for (let c = L.vmStart[k]!; c < L.vmStart[k + 1]!; c++) sum += d[L.vmList[c]!]!;
    const p = L.nodePool[k];
    const lim = p ? p[r].limit : null;
    b.demand[k] = sum;
    b.capped[k] = lim === null ? sum : Math.min(lim, sum);
    const parent = L.nodeParent[k]!;
    if (parent >= 0) b.demand[parent] = b.demand[parent]! + b.capped[k]!;
  }
}

/**
 * Top-down through every pooled cluster's tree (after `demands`): the root has its cluster's capacity
 * (`infinite`: only limits bind), every node divides its entitlement among its children. Writes each
 * node's entitlement and hierarchical share fraction (b.ent, b.frac) and each VM's entitlement (b.vmEnt)
 * and share fraction (into `weightOut` when given).
 */
function divide(
  L: PoolLayout,
  b: PoolBuffers,
  r: 'cpu' | 'mem',
  infinite: boolean,
  weightOut: Float64Array | null,
): void {
  const d = r === 'cpu' ? b.cpuD : b.memD;
  const res = r === 'cpu' ? b.cpuRes : b.memRes;
  const sh = r === 'cpu' ? b.cpuSh : b.memSh;
  const cap = r === 'cpu' ? b.capCpu : b.capMem;
  for (let k = 0; k < L.n; k++) {
    if (L.nodeParent[k]! < 0) {
      b.ent[k] = infinite ? b.capped[k]! : Math.min(b.capped[k]!, cap[L.nodeCluster[k]!]!);
      b.frac[k] = 1;
    }
    // Uncontended node (its children want no more than it has): everyone gets its demand, no division.
    let want = 0;
    let active = 0;
    for (let c = L.childStart[k]!; c < L.childStart[k + 1]!; c++) {
      const child = L.childNodes[c]!;
      want += b.capped[child]!;
      if (b.capped[child]! > 0) active += L.nodePool[child]![r].shares;
    }
    for (let c = L.vmStart[k]!; c < L.vmStart[k + 1]!; c++) {
      const i = L.vmList[c]!;
      want += d[i]!;
      if (d[i]! > 0) active += sh[i]!;
    }
    if (want <= b.ent[k]!) {
      const f = active > 0 ? b.frac[k]! / active : 0;
      for (let c = L.childStart[k]!; c < L.childStart[k + 1]!; c++) {
        const child = L.childNodes[c]!;
        b.ent[child] = b.capped[child]!;
        b.frac[child] = b.capped[child]! > 0 ? f * L.nodePool[child]![r].shares : 0;
      }
      for (let c = L.vmStart[k]!; c < L.vmStart[k + 1]!; c++) {
        const i = L.vmList[c]!;
        b.vmEnt[i] = d[i]!;
        if (weightOut) weightOut[i] = d[i]! > 0 ? f * sh[i]! : 0;
      }
      continue;
    }
    let m = 0;
    let sharesActive = 0;
    for (let c = L.childStart[k]!; c < L.childStart[k + 1]!; c++) {
      const child = L.childNodes[c]!;
      const a = L.nodePool[child]![r];
      b.pd[m] = b.capped[child]!;
      b.pr[m] = a.reservation;
      b.ps[m] = a.shares;
      b.pref[m] = -(child + 1);
      if (b.pd[m]! > 0) sharesActive += a.shares;
      m++;
    }
    for (let c = L.vmStart[k]!; c < L.vmStart[k + 1]!; c++) {
      const i = L.vmList[c]!;
      if (b.run[i] === 0) continue;
      b.pd[m] = d[i]!;
      b.pr[m] = res[i]!;
      b.ps[m] = sh[i]!;
      b.pref[m] = i;
      if (d[i]! > 0) sharesActive += sh[i]!;
      m++;
    }
    if (m === 0) continue;
    fairShare(m, b.ent[k]!, b.pd, b.pr, b.ps, b.pout, fair);
    const f = b.frac[k]!;
    for (let j = 0; j < m; j++) {
      const ref = b.pref[j]!;
      const frac = sharesActive > 0 && b.pd[j]! > 0 ? (f * b.ps[j]!) / sharesActive : 0;
      if (ref < 0) {
        b.ent[-ref - 1] = b.pout[j]!;
        b.frac[-ref - 1] = frac;
      } else {
        b.vmEnt[ref] = b.pout[j]!;
        if (weightOut) weightOut[ref] = frac;
      }
    }
  }
}

/** `hostCluster`: the tick's cluster index per host (scratch, −1 = none), else looked up by id. */
function clusterCapacities(w: World, b: PoolBuffers, hostCluster?: Int32Array): void {
  const nc = w.clusters.length;
  b.capCpu.fill(0, 0, nc);
  b.capMem.fill(0, 0, nc);
  const hosts = w.hosts;
  for (let k = 0; k < hosts.length; k++) {
    const h = hosts[k]!;
    if (h.state === 'failed' || h.state === 'standby') continue;
    const ci = hostCluster ? hostCluster[k]! : (w.clusterIndex.get(h.clusterId) ?? -1);
    if (ci < 0) continue;
    b.capCpu[ci] = b.capCpu[ci]! + h.sockets * h.coresPerSocket * h.coreMHz;
    b.capMem[ci] = b.capMem[ci]! + h.memMiB - hypervisorMemMiB(h.memMiB);
  }
}

/**
 * Before the host passes: the entitlements of this tick. Sets s.poolCpuCap / s.poolWeight / s.poolMemCap
 * (null when the world has no pools) and the pools' demand and entitlement outputs.
 */
export function poolTick(w: World, s: TickScratch): void {
  if (w.pools.length === 0) {
    s.poolCpuCap = null;
    s.poolWeight = null;
    s.poolMemCap = null;
    return;
  }
  const L = poolLayout(w);
  const nv = w.vms.length;
  const b = buffersFor(w, L.n, nv, w.clusters.length);
  if (!s.poolCpuCap || s.poolCpuCap.length < nv) {
    s.poolCpuCap = new Float64Array(Math.max(16, nv * 2));
    s.poolWeight = new Float64Array(Math.max(16, nv * 2));
    s.poolMemCap = new Float64Array(Math.max(16, nv * 2));
  }
  const cpuCap = s.poolCpuCap;
  const weight = s.poolWeight!;
  const memCap = s.poolMemCap!;
  cpuCap.fill(Infinity, 0, nv);
  memCap.fill(Infinity, 0, nv);
  weight.fill(0, 0, nv);
  // Pool memory limits (capacity unbounded) cap their VMs' backed memory. (Read every tick: a pool edit
  // changes limits without changing the layout.) Memory entitlements are computed when shown (view.ts).
  const memLimited = w.pools.some((p) => p.mem.limit !== null);
  gather(s, L, b, memLimited);
  clusterCapacities(w, b, s.hostCluster);
  const list = L.vmList;
  if (memLimited) {
    b.demand.fill(0, 0, L.n);
    demands(L, b, 'mem');
    divide(L, b, 'mem', true, null);
    for (let c = 0; c < list.length; c++) {
      const i = list[c]!;
      if (b.run[i] === 1) memCap[i] = b.vmEnt[i]!;
    }
  }

  b.demand.fill(0, 0, L.n);
  demands(L, b, 'cpu');
  divide(L, b, 'cpu', false, weight);
  // Weights in VM-share units (comparable with direct containers' cgroup shares on the same host).
  let total = 0;
  for (let c = 0; c < list.length; c++) {
    const i = list[c]!;
    if (b.run[i] === 1) total += b.cpuSh[i]!;
  }
  for (let c = 0; c < list.length; c++) {
    const i = list[c]!;
    if (b.run[i] === 0) continue;
    cpuCap[i] = b.vmEnt[i]!;
    weight[i] = Math.max(1e-6, weight[i]! * total);
  }
  for (let k = 0; k < L.n; k++) {
    const p = L.nodePool[k];
    if (!p) continue;
    p.cpuDemandMHz = b.demand[k]!;
    p.cpuEntMHz = b.ent[k]!;
  }
}

/** What the console shows beside the tick's CPU figures: memory demand and entitlement, and usage. */
export interface PoolShownFigures {
  /** Per node of the layout (roots first): Σ backed memory wanted, entitlement, Σ CPU and memory used. */
  memDemand: Float64Array;
  memEnt: Float64Array;
  cpuUsage: Float64Array;
  memUsage: Float64Array;
  /** Node index of each pool id and of each pooled cluster id (its root). */
  nodeOf: Map<string, number>;
}

/**
 * Memory entitlements (from the memory the VMs wanted backed in the last tick, through the same division
 * with the clusters' capacities) and usage, per node: computed on request, not every tick.
 */
export function poolShownFigures(w: World): PoolShownFigures {
  const L = poolLayout(w);
  const nv = w.vms.length;
  const b = buffersFor(null, L.n, nv, w.clusters.length);
  const cpuUsage = new Float64Array(L.n);
  const memUsage = new Float64Array(L.n);
  for (let c = 0; c < L.vmList.length; c++) {
    const i = L.vmList[c]!;
    const vm = w.vms[i]!;
    const on = vm.power === 'poweredOn' && !vm.haPending && w.hostById.get(vm.hostId)?.state !== 'failed';
    b.run[i] = on ? 1 : 0;
    b.memD[i] = on ? vm.memWantMiB : 0;
    b.memRes[i] = vm.memResMiB;
    b.memSh[i] = vm.memShares;
    if (on) {
      const k = L.vmNode[i]!;
      cpuUsage[k] = cpuUsage[k]! + vm.cpuUsageMHz;
      memUsage[k] = memUsage[k]! + vm.memGrantedMiB;
    }
  }
  for (let k = L.n - 1; k >= 0; k--) {
    const parent = L.nodeParent[k]!;
    if (parent < 0) continue;
    cpuUsage[parent] = cpuUsage[parent]! + cpuUsage[k]!;
    memUsage[parent] = memUsage[parent]! + memUsage[k]!;
  }
  clusterCapacities(w, b);
  b.demand.fill(0, 0, L.n);
  demands(L, b, 'mem');
  divide(L, b, 'mem', false, null);
  const nodeOf = new Map<string, number>();
  for (let k = 0; k < L.n; k++) {
    const p = L.nodePool[k];
    nodeOf.set(p ? p.id : w.clusters[L.nodeCluster[k]!]!.id, k);
  }
  return { memDemand: b.demand.slice(0, L.n), memEnt: b.ent.slice(0, L.n), cpuUsage, memUsage, nodeOf };
}

const metricBuffers = new WeakMap<World, PoolBuffers>();

/** Per node of the layout, what the pool metrics record each tick (pools/metrics.ts). */
export interface PoolTickFigures {
  L: PoolLayout;
  /** The CPU share fraction of each node in its cluster (after this tick's division). */
  cpuFrac: Float64Array;
  /** Memory the running VMs want backed, and the memory entitlement, per node. */
  memDemand: Float64Array;
  memEnt: Float64Array;
}

/**
 * After a tick (poolTick has run): the CPU share fractions of this tick's division, and the memory division
 * of what the running VMs want backed — in buffers of their own, kept per world (no per-tick allocation).
 */
export function poolTickFigures(w: World, s: TickScratch): PoolTickFigures {
  const L = poolLayout(w);
  const nv = w.vms.length;
  const cpuFrac = buffersFor(w, L.n, nv, w.clusters.length).frac;
  const b = buffersFor(w, L.n, nv, w.clusters.length, metricBuffers);
  for (let c = 0; c < L.vmList.length; c++) {
    const i = L.vmList[c]!;
    const vm = w.vms[i]!;
    const on = s.vmHost[i]! >= 0;
    b.run[i] = on ? 1 : 0;
    b.memD[i] = on ? vm.memWantMiB : 0;
    b.memRes[i] = vm.memResMiB;
    b.memSh[i] = vm.memShares;
  }
  clusterCapacities(w, b);
  b.demand.fill(0, 0, L.n);
  demands(L, b, 'mem');
  divide(L, b, 'mem', false, null);
  return { L, cpuFrac, memDemand: b.demand, memEnt: b.ent };
}

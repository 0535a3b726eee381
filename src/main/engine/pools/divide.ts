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
import { vmWantMiBCache } from '../physics/memory';
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
  vmDemand: Float64Array;
  vmEnt: Float64Array;
  pd: Float64Array;
  pr: Float64Array;
  ps: Float64Array;
  pout: Float64Array;
  pref: Int32Array;
  capacity: Float64Array;
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

function buffersFor(w: World, n: number, vms: number, clusters: number): PoolBuffers {
  let b = buffers.get(w);
  const kids = n + vms;
  if (
    !b ||
    b.demand.length < n ||
    b.vmDemand.length < vms ||
    b.pd.length < kids ||
    b.capacity.length < clusters
  ) {
    b = {
      demand: new Float64Array(n),
      capped: new Float64Array(n),
      ent: new Float64Array(n),
      frac: new Float64Array(n),
      vmDemand: new Float64Array(vms),
      vmEnt: new Float64Array(vms),
      pd: new Float64Array(kids),
      pr: new Float64Array(kids),
      ps: new Float64Array(kids),
      pout: new Float64Array(kids),
      pref: new Int32Array(kids),
      capacity: new Float64Array(clusters),
    };
    buffers.set(w, b);
  }
  return b;
}

/** What a running VM wants of a resource this tick (CPU capped by its vCPUs and limit; memory backed). */
function vmWants(w: World, s: TickScratch, i: number, r: 'cpu' | 'mem'): number {
  const h = s.vmHost[i]!;
  if (h < 0) return 0;
  const vm = w.vms[i]!;
  if (r === 'cpu')
    return Math.min(vm.cpuDemandMHz, vm.vcpus * w.hosts[h]!.coreMHz, vm.cpuLimitMHz ?? Infinity);
  return vmWantMiBCache(vm, vm.memActiveMiB, s.vmCacheFrac[i]!);
}

/**
 * Divides one resource through every pooled cluster's tree. `capacity` per cluster index (Infinity: only
 * limits bind). Writes each node's demand/entitlement and each VM's entitlement (b.vmEnt), and the
 * hierarchical share fraction of every node (b.frac) and VM (into `weightOut` when given).
 */
function divide(
  w: World,
  s: TickScratch,
  L: PoolLayout,
  b: PoolBuffers,
  r: 'cpu' | 'mem',
  infinite: boolean,
  weightOut: Float64Array | null,
): void {
  const n = L.n;
  const vms = w.vms;
  b.demand.fill(0, 0, n);
  for (let i = 0; i < vms.length; i++) {
    const k = L.vmNode[i]!;
    if (k < 0) continue;
    const d = vmWants(w, s, i, r);
    b.vmDemand[i] = d;
    b.vmEnt[i] = d;
    b.demand[k] = b.demand[k]! + d;
  }
  // Bottom-up: a pool asks its parent for its children's demand, capped by its limit.
  for (let k = n - 1; k >= 0; k--) {
    const p = L.nodePool[k];
    const lim = p ? p[r].limit : null;
    b.capped[k] = lim === null ? b.demand[k]! : Math.min(lim, b.demand[k]!);
    const parent = L.nodeParent[k]!;
    if (parent >= 0) b.demand[parent] = b.demand[parent]! + b.capped[k]!;
  }
  // Top-down: the root has its cluster's capacity, every node divides its entitlement among its children.
  for (let k = 0; k < n; k++) {
    if (L.nodeParent[k]! < 0) {
      b.ent[k] = infinite ? b.capped[k]! : Math.min(b.capped[k]!, b.capacity[L.nodeCluster[k]!]!);
      b.frac[k] = 1;
    }
    let m = 0;
    let sharesActive = 0;
    for (let c = L.childStart[k]!; c < L.childStart[k + 1]!; c++) {
      const child = L.childNodes[c]!;
      const p = L.nodePool[child]!;
      b.pd[m] = b.capped[child]!;
      b.pr[m] = p[r].reservation;
      b.ps[m] = p[r].shares;
      b.pref[m] = -(child + 1);
      if (b.pd[m]! > 0) sharesActive += p[r].shares;
      m++;
    }
    for (let c = L.vmStart[k]!; c < L.vmStart[k + 1]!; c++) {
      const i = L.vmList[c]!;
      if (s.vmHost[i]! < 0) continue;
      const vm = vms[i]!;
      b.pd[m] = b.vmDemand[i]!;
      b.pr[m] = r === 'cpu' ? vm.cpuResMHz : vm.memResMiB;
      b.ps[m] = r === 'cpu' ? vm.cpuShares : vm.memShares;
      b.pref[m] = i;
      if (b.pd[m]! > 0) sharesActive += b.ps[m]!;
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

function clusterCapacities(w: World, b: PoolBuffers, r: 'cpu' | 'mem'): void {
  b.capacity.fill(0, 0, w.clusters.length);
  for (const h of w.hosts) {
    if (h.state === 'failed' || h.state === 'standby') continue;
    const ci = w.clusterIndex.get(h.clusterId);
    if (ci === undefined) continue;
    b.capacity[ci] =
      b.capacity[ci]! +
      (r === 'cpu' ? h.sockets * h.coresPerSocket * h.coreMHz : h.memMiB - hypervisorMemMiB(h.memMiB));
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

  // Memory first: pool limits (capacity unbounded) cap the VMs' backed memory.
  // (Read every tick: a pool edit changes limits without changing the layout.)
  if (w.pools.some((p) => p.mem.limit !== null)) {
    divide(w, s, L, b, 'mem', true, null);
    for (let i = 0; i < nv; i++) if (L.vmNode[i]! >= 0 && s.vmHost[i]! >= 0) memCap[i] = b.vmEnt[i]!;
  }
  clusterCapacities(w, b, 'mem');
  divide(w, s, L, b, 'mem', false, null);
  for (let k = 0; k < L.n; k++) {
    const p = L.nodePool[k];
    if (!p) continue;
    p.memDemandMiB = b.demand[k]!;
    p.memEntMiB = b.ent[k]!;
  }

  clusterCapacities(w, b, 'cpu');
  divide(w, s, L, b, 'cpu', false, weight);
  // Weights in VM-share units (comparable with direct containers' cgroup shares on the same host).
  let total = 0;
  for (let i = 0; i < nv; i++) if (L.vmNode[i]! >= 0 && s.vmHost[i]! >= 0) total += w.vms[i]!.cpuShares;
  for (let i = 0; i < nv; i++) {
    if (L.vmNode[i]! < 0 || s.vmHost[i]! < 0) continue;
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

/** After the host passes: what each pool's VMs (its whole subtree) used. */
export function poolOutputs(w: World, s: TickScratch): void {
  if (w.pools.length === 0) return;
  const L = poolLayout(w);
  const b = buffersFor(w, L.n, w.vms.length, w.clusters.length);
  b.demand.fill(0, 0, L.n);
  b.capped.fill(0, 0, L.n);
  for (let i = 0; i < w.vms.length; i++) {
    const k = L.vmNode[i]!;
    if (k < 0 || s.vmHost[i]! < 0) continue;
    const vm = w.vms[i]!;
    b.demand[k] = b.demand[k]! + vm.cpuUsageMHz;
    b.capped[k] = b.capped[k]! + vm.memGrantedMiB;
  }
  for (let k = L.n - 1; k >= 0; k--) {
    const parent = L.nodeParent[k]!;
    const p = L.nodePool[k];
    if (p) {
      p.cpuUsageMHz = b.demand[k]!;
      p.memUsageMiB = b.capped[k]!;
    }
    if (parent >= 0) {
      b.demand[parent] = b.demand[parent]! + b.demand[k]!;
      b.capped[parent] = b.capped[parent]! + b.capped[k]!;
    }
  }
}

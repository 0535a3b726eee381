/**
 * The pool metric block (catalogue POOL_METRICS): per pool, in w.pools order, the figures of its subtree
 * after a tick — usage and demand, the CPU entitlement and share fraction of this tick's division
 * (divide.ts), the memory entitlement, the CPU ready of its VMs per vCPU, and the reservation it has used
 * and left (as pools.list shows them, view.ts). Runs only when the world has pools: one pass over the pooled
 * VMs and one over the pools.
 */
import { POOL_METRICS } from '../metrics/catalog';
import type { TickScratch } from '../physics/scratch';
import { vmOverheadMiB } from '../world/defaults';
import type { World } from '../world/world';
import { holdsReservation } from './admission';
import { poolTickFigures } from './divide';

const COL = (name: (typeof POOL_METRICS)[number]['name']): number =>
  POOL_METRICS.findIndex((m) => m.name === name);
const C = {
  cpuUsage: COL('cpu.usage.mhz'),
  cpuDemand: COL('cpu.demand.mhz'),
  cpuEnt: COL('cpu.entitlement.mhz'),
  cpuShares: COL('cpu.shares.pct'),
  cpuReady: COL('cpu.ready.pct'),
  cpuRes: COL('cpu.reservation.mhz'),
  cpuResUsed: COL('cpu.reservation.used.mhz'),
  cpuFree: COL('cpu.unreserved.mhz'),
  memUsage: COL('mem.usage.mib'),
  memDemand: COL('mem.demand.mib'),
  memEnt: COL('mem.entitlement.mib'),
  memRes: COL('mem.reservation.mib'),
  memResUsed: COL('mem.reservation.used.mib'),
  memFree: COL('mem.unreserved.mib'),
  running: COL('vms.running'),
};

interface Sums {
  cpuUse: Float64Array;
  memUse: Float64Array;
  readyMs: Float64Array;
  vcpus: Float64Array;
  running: Float64Array;
  resCpu: Float64Array;
  resMem: Float64Array;
}
const sumsOf = new WeakMap<World, Sums>();

function sumsFor(w: World, n: number): Sums {
  let s = sumsOf.get(w);
  if (!s || s.cpuUse.length < n) {
    const f = () => new Float64Array(Math.max(16, n * 2));
    s = {
      cpuUse: f(),
      memUse: f(),
      readyMs: f(),
      vcpus: f(),
      running: f(),
      resCpu: f(),
      resMem: f(),
    };
    sumsOf.set(w, s);
  }
  for (const a of Object.values(s)) a.fill(0, 0, n);
  return s;
}

/** Writes the pool block's values (column-major: metric m of pool e at m · n + e, n = w.pools.length). */
export function poolValues(w: World, s: TickScratch, v: Float64Array): void {
  const n = w.pools.length;
  if (n === 0) return;
  const f = poolTickFigures(w, s);
  const L = f.L;
  const sum = sumsFor(w, L.n);
  for (let c = 0; c < L.vmList.length; c++) {
    const i = L.vmList[c]!;
    const vm = w.vms[i]!;
    const k = L.vmNode[i]!;
    if (s.vmHost[i]! >= 0) {
      sum.cpuUse[k] = sum.cpuUse[k]! + vm.cpuUsageMHz;
      sum.memUse[k] = sum.memUse[k]! + vm.memGrantedMiB;
      sum.readyMs[k] = sum.readyMs[k]! + vm.cpuReadyMs;
      sum.vcpus[k] = sum.vcpus[k]! + vm.vcpus;
      sum.running[k] = sum.running[k]! + 1;
    }
    if (holdsReservation(w, vm)) {
      sum.resCpu[k] = sum.resCpu[k]! + vm.cpuResMHz;
      sum.resMem[k] = sum.resMem[k]! + vm.memResMiB + vmOverheadMiB(vm.memMiB, vm.vcpus);
    }
  }
  // Children after parents: sums flow up the tree; a pool holds max(reservation, used) from its parent.
  for (let k = L.n - 1; k >= 0; k--) {
    const parent = L.nodeParent[k]!;
    if (parent < 0) continue;
    const p = L.nodePool[k]!;
    sum.cpuUse[parent] = sum.cpuUse[parent]! + sum.cpuUse[k]!;
    sum.memUse[parent] = sum.memUse[parent]! + sum.memUse[k]!;
    sum.readyMs[parent] = sum.readyMs[parent]! + sum.readyMs[k]!;
    sum.vcpus[parent] = sum.vcpus[parent]! + sum.vcpus[k]!;
    sum.running[parent] = sum.running[parent]! + sum.running[k]!;
    sum.resCpu[parent] = sum.resCpu[parent]! + Math.max(p.cpu.reservation, sum.resCpu[k]!);
    sum.resMem[parent] = sum.resMem[parent]! + Math.max(p.mem.reservation, sum.resMem[k]!);
  }
  const dtMs = w.tickSeconds * 1000;
  // Pool nodes follow the roots in the layout, in w.pools order.
  const first = L.n - n;
  for (let e = 0; e < n; e++) {
    const p = w.pools[e]!;
    const k = L.nodePool[first + e] === p ? first + e : L.nodePool.indexOf(p);
    if (k < 0) continue;
    v[C.cpuUsage * n + e] = sum.cpuUse[k]!;
    v[C.cpuDemand * n + e] = p.cpuDemandMHz;
    v[C.cpuEnt * n + e] = p.cpuEntMHz;
    v[C.cpuShares * n + e] = f.cpuFrac[k]! * 100;
    v[C.cpuReady * n + e] = sum.vcpus[k]! > 0 ? (sum.readyMs[k]! / sum.vcpus[k]! / dtMs) * 100 : 0;
    v[C.cpuRes * n + e] = p.cpu.reservation;
    v[C.cpuResUsed * n + e] = sum.resCpu[k]!;
    v[C.cpuFree * n + e] = Math.max(0, p.cpu.reservation - sum.resCpu[k]!);
    v[C.memUsage * n + e] = sum.memUse[k]!;
    v[C.memDemand * n + e] = f.memDemand[k]!;
    v[C.memEnt * n + e] = f.memEnt[k]!;
    v[C.memRes * n + e] = p.mem.reservation;
    v[C.memResUsed * n + e] = sum.resMem[k]!;
    v[C.memFree * n + e] = Math.max(0, p.mem.reservation - sum.resMem[k]!);
    v[C.running * n + e] = sum.running[k]!;
  }
}

/**
 * Reservation admission through the pool tree [RM, "Admission Control", "Expandable Reservations"]:
 * a pool's reservation is taken from its parent's unreserved capacity; what a pool's children reserve
 * (running VMs' reservations plus their overhead memory, child pools' reservations) must fit the pool's
 * own reservation, and an expandable pool borrows what it lacks from its parent, up the tree to the
 * cluster (the root pool: the capacity of its connected hosts). Only clusters with pools are checked here
 * (host-level admission, world/admission.ts, applies to every VM as before).
 */
import { hypervisorMemMiB, vmOverheadMiB } from '../world/defaults';
import type { VmRec } from '../world/types';
import type { World } from '../world/world';
import { effectivePool } from './divide';
import type { PoolRec } from './types';

export interface Amount {
  cpu: number;
  mem: number;
}

export interface ReservationTree {
  clusterId: string;
  capacity: Amount;
  /** Reserved by each pool's children (key: pool id; '' = the root). */
  used: Map<string, Amount>;
}

/**
 * Whether the VM holds its reservation: running, waiting for its HA restart (its host failed: vSphere keeps
 * a failing-over VM's reservation in its pool, so the restart needs no pool admission — docs/model.md,
 * "HA restarts and pools"), or in a task that ends by powering it on.
 */
export function holdsReservation(w: World, vm: VmRec): boolean {
  if (vm.power === 'poweredOn') return true;
  if (vm.busyTaskId === null) return false;
  const t = w.taskById.get(vm.busyTaskId);
  if (!t || t.state === 'success' || t.state === 'error' || t.state === 'cancelled' || t.op.kind !== 'timed')
    return false;
  const e = t.op.effect;
  return (e.kind === 'vm.ready' && e.powerOn) || e.kind === 'vm.powerOn';
}

export const vmReservation = (vm: VmRec): Amount => ({
  cpu: vm.cpuResMHz,
  mem: vm.memResMiB + vmOverheadMiB(vm.memMiB, vm.vcpus),
});

export function clusterHasPools(w: World, clusterId: string): boolean {
  return w.pools.some((p) => p.clusterId === clusterId);
}

/** What a pool's children reserve, as its parent sees it: at least the pool's own reservation. */
export function heldFromParent(p: PoolRec, used: Amount | undefined): Amount {
  return {
    cpu: Math.max(p.cpu.reservation, used?.cpu ?? 0),
    mem: Math.max(p.mem.reservation, used?.mem ?? 0),
  };
}

/**
 * The reservations of one cluster's tree (`exclude`: a VM to leave out, e.g. the one being moved;
 * `detach`: a pool whose hold is not counted in its parent, e.g. the one being moved to another parent).
 */
export function reservationTree(
  w: World,
  clusterId: string,
  exclude?: string,
  detach?: string,
): ReservationTree {
  const capacity: Amount = { cpu: 0, mem: 0 };
  for (const h of w.hosts) {
    if (h.clusterId !== clusterId || h.state !== 'connected') continue;
    capacity.cpu += h.sockets * h.coresPerSocket * h.coreMHz;
    capacity.mem += h.memMiB - hypervisorMemMiB(h.memMiB);
  }
  const used = new Map<string, Amount>();
  const add = (key: string, a: Amount) => {
    const u = used.get(key);
    if (u) {
      u.cpu += a.cpu;
      u.mem += a.mem;
    } else used.set(key, { cpu: a.cpu, mem: a.mem });
  };
  used.set('', { cpu: 0, mem: 0 });
  for (const vm of w.vms) {
    if (vm.id === exclude) continue;
    const h = w.hostById.get(vm.hostId);
    if (!h || h.clusterId !== clusterId || !holdsReservation(w, vm)) continue;
    add(effectivePool(w, vm)?.id ?? '', vmReservation(vm));
  }
  const pools = w.pools.filter((p) => p.clusterId === clusterId);
  // Children after parents in w.pools: walking backwards sums every subtree before its parent reads it.
  for (let k = pools.length - 1; k >= 0; k--) {
    const p = pools[k]!;
    if (p.id === detach) continue;
    add(p.parentId ?? '', heldFromParent(p, used.get(p.id)));
  }
  return { clusterId, capacity, used };
}

/** Unreserved capacity of a pool (or the root, poolId null): what a child could still reserve without borrowing. */
export function unreserved(w: World, t: ReservationTree, poolId: string | null): Amount {
  const u = t.used.get(poolId ?? '') ?? { cpu: 0, mem: 0 };
  if (poolId === null) return { cpu: t.capacity.cpu - u.cpu, mem: t.capacity.mem - u.mem };
  const p = w.poolById.get(poolId)!;
  return { cpu: p.cpu.reservation - u.cpu, mem: p.mem.reservation - u.mem };
}

const fmt = (v: number) => String(Math.round(v));

/**
 * Reasons a new reservation `need` cannot be admitted in the pool (null = the root), borrowing up the tree
 * where reservations are expandable; empty = admitted.
 */
export function admitReservation(
  w: World,
  t: ReservationTree,
  poolId: string | null,
  need: Amount,
): string[] {
  const reasons: string[] = [];
  for (const r of ['cpu', 'mem'] as const) {
    let want = need[r];
    let at: string | null = poolId;
    const unit = r === 'cpu' ? 'MHz' : 'MiB';
    const what = r === 'cpu' ? 'CPU' : 'memory';
    while (want > 1e-6) {
      const free = Math.max(0, unreserved(w, t, at)[r]);
      if (want <= free + 1e-6) break;
      if (at === null) {
        const cl = w.clusterById.get(t.clusterId);
        reasons.push(
          `the cluster ${cl?.name ?? t.clusterId} has ${fmt(free)} ${unit} of ${what} unreserved; ${fmt(want)} ${unit} more are needed`,
        );
        break;
      }
      const p: PoolRec = w.poolById.get(at)!;
      if (!p[r].expandable) {
        reasons.push(
          `resource pool ${p.name} has ${fmt(free)} ${unit} of ${what} unreserved and its ${what} reservation is not expandable; ${fmt(want)} ${unit} are needed`,
        );
        break;
      }
      want -= free;
      at = p.parentId;
    }
  }
  return reasons;
}

/** Pool admission of a VM about to hold its reservation in `clusterId` (its pool, or the root). */
export function vmPoolAdmission(w: World, vm: VmRec, clusterId: string, poolId: string | null): string[] {
  if (!clusterHasPools(w, clusterId)) return [];
  const t = reservationTree(w, clusterId, vm.id);
  return admitReservation(w, t, poolId, vmReservation(vm));
}

/**
 * Pool admission of a new VM (create, clone, deploy) that is powered on at once, in `poolId` (null = the
 * root) of `clusterId`: its reservations plus its overhead memory, as a power-on [RM, "Admission Control"].
 */
export function newVmPoolAdmission(
  w: World,
  clusterId: string,
  poolId: string | null,
  vm: { vcpus: number; memMiB: number; cpuResMHz: number; memResMiB: number },
): string[] {
  if (!clusterHasPools(w, clusterId)) return [];
  return admitReservation(w, reservationTree(w, clusterId), poolId, {
    cpu: vm.cpuResMHz,
    mem: vm.memResMiB + vmOverheadMiB(vm.memMiB, vm.vcpus),
  });
}

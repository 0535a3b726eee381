/**
 * Resource pools and vApps (docs/model.md "Resource pools"): runtime records. A cluster is the root pool;
 * pools form a tree under it (parentId null = directly under the cluster). Plain JSON, in creation order.
 */
import type { VappStartEntry } from '../model/scenario';

/** One resource of a pool: shares, reservation, limit, expandable reservation [RM]. */
export interface PoolAlloc {
  shares: number;
  /** 'low' | 'normal' | 'high' | 'custom'. */
  sharesLevel: string;
  /** MHz (CPU) or MiB (memory). */
  reservation: number;
  limit: number | null;
  expandable: boolean;
}

/** A vApp's start order and the progress of a power-on in order. */
export interface VappRec {
  startOrder: VappStartEntry[];
  /** Index into startOrder of the next VM to power on, or −1 when no power-on is under way. */
  next: number;
  /** Simulated second at which the next VM is powered on. */
  nextAt: number;
}

export interface PoolRec {
  id: string;
  name: string;
  clusterId: string;
  /** Parent pool; null = the cluster's root pool. */
  parentId: string | null;
  cpu: PoolAlloc;
  mem: PoolAlloc;
  vapp: VappRec | null;
  createdAt: number;
  // per-tick outputs (memory figures and usage are computed when shown: pools/view.ts)
  /** What the pool's running VMs want (CPU capped by vCPUs and VM limits), MHz. */
  cpuDemandMHz: number;
  /** The pool's CPU entitlement: its part of the cluster after shares, reservations and limits, MHz. */
  cpuEntMHz: number;
}

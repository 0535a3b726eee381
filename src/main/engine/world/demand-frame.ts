/**
 * This tick's demand of every guest as the DRS/DPM windows record it (scheduling/demand-window.ts),
 * written by the physics demand pass while it has each guest record in hand, so `recordDemand` adds
 * dense arrays instead of walking every VM and container record again.
 *
 * Per VM (by `w.vms` position): CPU demand MHz and active memory MiB after its containers are added, and
 * whether the windows sample it (powered on, no HA restart pending). Per container (by `w.containers`
 * position): CPU demand, memory MiB and whether it is running once the pass is done (restarts and
 * OOM kills included). Exactly the values the guest records hold after the physics.
 *
 * The frame is valid only for the tick it was written at, while `w.vms` and `w.containers` are the
 * same arrays with the same lengths (guests are added by push and removed by a filtered copy, never
 * reordered in place; a live migration moves `w.version` but not the lists), and only until a task
 * effect changes a guest's power or state between the physics and the scheduler (ops/effects.ts
 * invalidates it); otherwise `recordDemand` reads the records as before.
 */
import type { World } from './world';

function growF(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  return a.length >= n ? a : new Float64Array(Math.max(n, a.length * 2, 16));
}
function growU(a: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  return a.length >= n ? a : new Uint8Array(Math.max(n, a.length * 2, 16));
}

export class DemandFrame {
  /** `w.tick` and the guest lists the frame was written for; `valid` false once a task effect ran. */
  tick = -1;
  vms: readonly unknown[] | null = null;
  containers: readonly unknown[] | null = null;
  valid = false;
  vmCount = 0;
  ctCount = 0;
  vmCpu = new Float64Array(16);
  vmMem = new Float64Array(16);
  vmOn = new Uint8Array(16);
  ctCpu = new Float64Array(16);
  ctMem = new Float64Array(16);
  ctOn = new Uint8Array(16);

  /** Sizes the arrays and marks the frame as being written for this tick (call before the demand pass). */
  begin(w: Readonly<World>): void {
    const nv = w.vms.length;
    const nc = w.containers.length;
    this.vmCpu = growF(this.vmCpu, nv);
    this.vmMem = growF(this.vmMem, nv);
    this.vmOn = growU(this.vmOn, nv);
    this.ctCpu = growF(this.ctCpu, nc);
    this.ctMem = growF(this.ctMem, nc);
    this.ctOn = growU(this.ctOn, nc);
    this.vmCount = nv;
    this.ctCount = nc;
    this.tick = w.tick;
    this.vms = w.vms;
    this.containers = w.containers;
    this.valid = true;
    frames.set(w, this);
  }
}

const frames = new WeakMap<Readonly<World>, DemandFrame>();

/** The frame written for the world's current tick and layout, or null (then read the records). */
export function currentDemandFrame(w: Readonly<World>): DemandFrame | null {
  const f = frames.get(w);
  if (!f || !f.valid || f.tick !== w.tick || f.vms !== w.vms || f.containers !== w.containers) return null;
  if (f.vmCount !== w.vms.length || f.ctCount !== w.containers.length) return null;
  return f;
}

/** A guest's power or state changed after the physics: the frame no longer says who is sampled. */
export function invalidateDemandFrame(w: Readonly<World>): void {
  const f = frames.get(w);
  if (f) f.valid = false;
}

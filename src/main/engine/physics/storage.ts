/**
 * Datastores, every tick:
 *  - used = Σ thin disks' written space + Σ thick disks' size + swap files of powered-on VMs
 *    (configured − reserved memory, as vSphere creates a .vswp file at power-on);
 *  - a thin disk grows by the new blocks its writes allocate: IOPS × write ratio × I/O size × new-data %;
 *  - when the datastore has no room for that growth, the VM is paused (vSphere "out of space" question)
 *    and resumes by itself once space is freed;
 *  - IOPS share the datastore's capability: response time R = S / (1 − ρ) (M/M/1) up to ρ = 0.95, and
 *    beyond saturation the queue grows linearly with the overload while IOPS are divided in proportion.
 */
import type { World } from '../world/world';

export const WRITE_RATIO = 0.3;
export const IO_SIZE_KIB = 16;
const RESUME_FREE_GIB = 1;

export function datastoreUsage(w: World): void {
  for (const ds of w.datastores) {
    ds.usedGiB = 0;
    ds.provisionedGiB = 0;
    ds.iops = 0;
  }
  for (const vm of w.vms) {
    for (const d of vm.disks) {
      const ds = w.datastoreById.get(d.datastoreId);
      if (!ds) continue;
      ds.provisionedGiB += d.sizeGiB;
      ds.usedGiB += d.thin ? d.usedGiB : d.sizeGiB;
    }
    if (vm.power === 'poweredOn' && vm.disks.length > 0) {
      const ds = w.datastoreById.get((vm.disks[0] as { datastoreId: string }).datastoreId);
      if (ds) {
        const swapGiB = Math.max(0, vm.memMiB - vm.memResMiB) / 1024;
        ds.usedGiB += swapGiB;
        ds.provisionedGiB += swapGiB;
      }
    }
  }
}

/** Grows thin disks, pauses/resumes VMs on full datastores and computes IOPS and latency. */
export function storageTick(w: World): void {
  datastoreUsage(w);
  const dt = w.tickSeconds;
  for (const vm of w.vms) {
    if (vm.power !== 'poweredOn' || vm.disks.length === 0) continue;
    if (vm.paused) {
      const stillFull = vm.disks.some((d) => {
        const ds = w.datastoreById.get(d.datastoreId);
        return d.thin && d.usedGiB < d.sizeGiB && ds !== undefined && ds.capacityGiB - ds.usedGiB < RESUME_FREE_GIB;
      });
      if (!stillFull) {
        vm.paused = false;
        w.event('info', 'vm.resumed', `${vm.name} resumed: its datastore has free space again`, [vm.id]);
      }
      continue;
    }
    if (vm.diskIops <= 0) continue;
    const writeMiB = ((vm.diskIops * WRITE_RATIO * IO_SIZE_KIB) / 1024) * dt;
    vm.diskWriteMiBps = writeMiB / dt;
    const newGiB = (writeMiB * (vm.workload.newDataPct ?? 1)) / 100 / 1024 / vm.disks.length;
    for (const d of vm.disks) {
      if (!d.thin || d.usedGiB >= d.sizeGiB) continue;
      const ds = w.datastoreById.get(d.datastoreId);
      if (!ds) continue;
      const grow = Math.min(newGiB, d.sizeGiB - d.usedGiB);
      if (ds.usedGiB + grow > ds.capacityGiB) {
        if (!vm.paused) {
          vm.paused = true;
          w.event('error', 'vm.paused.noSpace', `${vm.name} paused: datastore ${ds.name} is full and its thin disk cannot grow`, [vm.id, ds.id]);
        }
        continue;
      }
      d.usedGiB += grow;
      ds.usedGiB += grow;
    }
  }
  // IOPS contention per datastore.
  for (const vm of w.vms) {
    if (vm.power !== 'poweredOn' || vm.paused || vm.disks.length === 0) continue;
    const per = vm.diskIops / vm.disks.length;
    for (const d of vm.disks) {
      const ds = w.datastoreById.get(d.datastoreId);
      if (ds) ds.iops += per;
    }
  }
  for (const ds of w.datastores) {
    const rho = ds.maxIops > 0 ? ds.iops / ds.maxIops : 0;
    ds.latencyMs = datastoreLatencyMs(ds.baseLatencyMs, rho);
    ds.full = ds.usedGiB >= ds.capacityGiB - 1e-9;
  }
  for (const vm of w.vms) {
    if (vm.power !== 'poweredOn' || vm.paused || vm.disks.length === 0) {
      vm.diskLatencyMs = 0;
      continue;
    }
    let lat = 0;
    let scale = 1;
    for (const d of vm.disks) {
      const ds = w.datastoreById.get(d.datastoreId);
      if (!ds) continue;
      lat = Math.max(lat, ds.latencyMs);
      if (ds.iops > ds.maxIops && ds.maxIops > 0) scale = Math.min(scale, ds.maxIops / ds.iops);
    }
    vm.diskLatencyMs = lat;
    vm.diskIops *= scale;
  }
  for (const ds of w.datastores) if (ds.maxIops > 0 && ds.iops > ds.maxIops) ds.iops = ds.maxIops;
}

export function datastoreLatencyMs(baseMs: number, rho: number): number {
  if (rho <= 0.95) return baseMs / (1 - Math.max(0, rho));
  return baseMs * 20 * (rho / 0.95);
}

/** Read models of the VM lifecycle: a VM's snapshots and annotations, a datastore's files. */
import type { DatastoreFileView, VmLifecycleView } from '../model/views';
import { snapshotSpaceGiB } from '../ops/snapshots';
import type { VmRec } from '../world/types';
import type { World } from '../world/world';

const r2 = (x: number) => Math.round(x * 100) / 100;

export function vmLifecycle(vm: VmRec): VmLifecycleView {
  const s = vm.snap;
  return {
    template: vm.template === true,
    tags: [...vm.tags],
    attributes: (vm.attributes ?? []).map((a) => ({ ...a })),
    snapshots: (s?.list ?? []).map((x) => ({
      id: x.id,
      name: x.name,
      description: x.description,
      parentId: x.parentId,
      createdAtSec: x.createdAt,
      power: x.power,
      memory: x.memory,
      sizeGiB: r2(x.deltaGiB + x.memGiB),
    })),
    currentSnapshotId: s?.currentId ?? null,
    runningDeltaGiB: r2(s ? (s.list.length > 0 ? s.runningDeltaGiB : s.orphanGiB) : 0),
    snapshotGiB: r2(snapshotSpaceGiB(vm)),
    consolidationNeeded: s !== undefined && s.list.length === 0 && s.orphanGiB > 0,
  };
}

const pad6 = (n: number) => String(n).padStart(6, '0');

/**
 * The files a datastore holds, per VM in creation order (vSphere naming): base disks
 * (`vm.vmdk`, `vm_1.vmdk` …), snapshot deltas (`vm-000001.vmdk` …, the running one last), memory files
 * (`vm-Snapshot1.vmsn`) and the swap file of a powered-on VM (`vm.vswp`). Deltas, memory and swap files
 * live with the VM's first disk.
 */
export function datastoreFiles(w: World, dsId: string): DatastoreFileView[] {
  const out: DatastoreFileView[] = [];
  for (const vm of w.vms) {
    const home = vm.disks[0]?.datastoreId === dsId;
    const dir = vm.name;
    vm.disks.forEach((d, k) => {
      if (d.datastoreId !== dsId) return;
      out.push({
        vmId: vm.id,
        vmName: vm.name,
        path: `${dir}/${vm.name}${k === 0 ? '' : `_${k}`}.vmdk`,
        type: 'disk',
        sizeGiB: r2(d.thin ? d.usedGiB : d.sizeGiB),
        provisionedGiB: d.sizeGiB,
      });
    });
    if (!home) continue;
    const s = vm.snap;
    if (s) {
      let n = 0;
      s.list.forEach((x, i) => {
        // The first snapshot froze the base disks; every later one froze a delta.
        if (x.deltaGiB > 0 || i > 0) {
          n++;
          out.push({
            vmId: vm.id,
            vmName: vm.name,
            path: `${dir}/${vm.name}-${pad6(n)}.vmdk`,
            type: 'delta',
            sizeGiB: r2(x.deltaGiB),
            provisionedGiB: null,
          });
        }
        if (x.memory)
          out.push({
            vmId: vm.id,
            vmName: vm.name,
            path: `${dir}/${vm.name}-Snapshot${i + 1}.vmsn`,
            type: 'memory',
            sizeGiB: r2(x.memGiB),
            provisionedGiB: null,
          });
      });
      if (s.list.length > 0 || s.orphanGiB > 0) {
        n++;
        out.push({
          vmId: vm.id,
          vmName: vm.name,
          path: `${dir}/${vm.name}-${pad6(n)}.vmdk`,
          type: 'delta',
          sizeGiB: r2(s.list.length > 0 ? s.runningDeltaGiB : s.orphanGiB),
          provisionedGiB: null,
        });
      }
    }
    if (vm.power === 'poweredOn')
      out.push({
        vmId: vm.id,
        vmName: vm.name,
        path: `${dir}/${vm.name}.vswp`,
        type: 'swap',
        sizeGiB: r2(Math.max(0, vm.memMiB - vm.memResMiB) / 1024),
        provisionedGiB: null,
      });
  }
  return out;
}

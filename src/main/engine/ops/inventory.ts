/** Structural changes to the world (remove guests), keeping indexes and references consistent. */
import type { ContainerRec, VmRec } from '../world/types';
import type { World } from '../world/world';
import { msg } from '../messages';

export function removeVm(w: World, vm: VmRec): void {
  const inside = w.containers.filter((c) => c.vmId === vm.id);
  if (inside.length > 0) {
    const gone = new Set(inside.map((c) => c.id));
    w.containers = w.containers.filter((c) => !gone.has(c.id));
    for (const c of inside)
      w.event('warning', 'container.deleted', msg('ev.ctRemovedWithVm', { ct: c.name, vm: vm.name }), [
        c.id,
        vm.id,
      ]);
  }
  w.vms = w.vms.filter((v) => v !== vm);
  w.reindex();
}

export function removeContainer(w: World, ct: ContainerRec): void {
  w.containers = w.containers.filter((c) => c !== ct);
  w.reindex();
}

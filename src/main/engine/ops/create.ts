/**
 * Creating guests: records appear at once (so the receipt can name them) and a task provisions them.
 * Provisioning time: 5 s for the VM object plus writing thick disks at the datastore's copy rate
 * (eager zeroing); container start = image pull at 1 Gbit/s plus 2 s.
 */
import type { NewContainerSpec, NewVmSpec } from '../model/commands';
import { containerRecord, vmRecord } from '../world/records';
import type { ContainerRec, VmRec } from '../world/types';
import type { World } from '../world/world';
import { newTask } from './tasks';
import type { TaskRec } from './task-types';
import { msg } from '../messages';

export function provisionSec(
  w: World,
  disks: { sizeGiB: number; thin: boolean; datastoreId: string }[],
): number {
  let sec = 5;
  for (const d of disks) {
    if (d.thin) continue;
    const ds = w.datastoreById.get(d.datastoreId);
    sec += (d.sizeGiB * 1024) / (ds?.copyMiBps ?? 400);
  }
  return sec;
}

export function createVmRecord(
  w: World,
  spec: NewVmSpec,
  hostId: string,
  datastoreIds: string[],
  serviceId: string | null,
): VmRec {
  const id = w.newId('vm');
  const vm = vmRecord(
    {
      id,
      name: spec.name,
      hostId,
      vcpus: spec.vcpus,
      memMiB: spec.memMiB,
      disks: spec.disks.map((d, i) => ({
        datastoreId: datastoreIds[i] ?? datastoreIds[0] ?? '',
        sizeGiB: d.sizeGiB,
        thin: d.thin,
        usedGiB: d.thin ? Math.min(d.sizeGiB, 2) : d.sizeGiB,
      })),
      ...(spec.networkId !== undefined ? { networkId: spec.networkId } : {}),
      ...(spec.cpu !== undefined ? { cpu: spec.cpu } : {}),
      ...(spec.mem !== undefined ? { mem: spec.mem } : {}),
      power: 'poweredOff',
      ...(spec.guestOS !== undefined ? { guestOS: spec.guestOS } : {}),
      tags: spec.tags ?? [],
      ...(spec.haRestartPriority !== undefined ? { haRestartPriority: spec.haRestartPriority } : {}),
      hotAddCpu: spec.hotAddCpu ?? false,
      hotAddMem: spec.hotAddMem ?? false,
      containerHost: spec.containerHost ?? false,
      workload: spec.workload,
      ...(serviceId !== null ? { serviceId } : {}),
    },
    w.nextSeq(),
    w.timeSec,
  );
  w.addVm(vm);
  return vm;
}

export function queueVmProvision(
  w: World,
  vm: VmRec,
  powerOn: boolean,
  kind: 'create' | 'clone' | 'deploy',
  sourceUsedGiB = 0,
): TaskRec {
  const ds = w.datastoreById.get(vm.disks[0]?.datastoreId ?? '');
  const copySec = kind !== 'create' ? (sourceUsedGiB * 1024) / (ds?.copyMiBps ?? 400) : 0;
  const duration = provisionSec(w, vm.disks) + copySec;
  const host = w.hostById.get(vm.hostId);
  const t = newTask(
    w,
    kind === 'create' ? 'vm.create' : kind === 'deploy' ? 'vm.deploy' : 'vm.clone',
    msg(
      kind === 'create'
        ? powerOn
          ? 'task.createVmOn'
          : 'task.createVm'
        : kind === 'deploy'
          ? powerOn
            ? 'task.deployVmOn'
            : 'task.deployVm'
          : powerOn
            ? 'task.cloneVmOn'
            : 'task.cloneVm',
      { vm: vm.name, host: host?.name ?? vm.hostId },
    ),
    vm.id,
    {
      kind: 'timed',
      durationSec: duration,
      elapsedSec: 0,
      effect: { kind: 'vm.ready', vmId: vm.id, powerOn },
    },
    vm.id,
  );
  vm.busyTaskId = t.id;
  return t;
}

export function createContainerRecord(
  w: World,
  spec: NewContainerSpec,
  target: { hostId: string } | { vmId: string },
  serviceId: string | null,
): ContainerRec {
  const id = w.newId('ctr');
  const ct = containerRecord(
    {
      id,
      name: spec.name,
      ...target,
      cpuRequestMilli: spec.cpuRequestMilli,
      cpuLimitMilli: spec.cpuLimitMilli ?? null,
      memRequestMiB: spec.memRequestMiB,
      memLimitMiB: spec.memLimitMiB ?? null,
      imageMiB: spec.imageMiB,
      restartPolicy: spec.restartPolicy ?? 'always',
      workload: spec.workload,
      ...(serviceId !== null ? { serviceId } : {}),
    },
    w.nextSeq(),
    w.timeSec,
  );
  ct.state = 'pending';
  w.addContainer(ct);
  return ct;
}

export function queueContainerStart(w: World, ct: ContainerRec): TaskRec {
  const pullSec = (ct.imageMiB * 8 * 1.048576) / 1000 + 2;
  const where =
    ct.vmId !== null
      ? (w.vmById.get(ct.vmId)?.name ?? ct.vmId)
      : (w.hostById.get(ct.hostId ?? '')?.name ?? '');
  return newTask(
    w,
    'container.create',
    msg('task.startContainer', { ct: ct.name, where }),
    ct.id,
    {
      kind: 'timed',
      durationSec: pullSec,
      elapsedSec: 0,
      effect: { kind: 'container.start', containerId: ct.id },
    },
    ct.id,
  );
}

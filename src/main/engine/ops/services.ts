/**
 * Service controller (a ReplicaSet / HorizontalPodAutoscaler in miniature), once per tick:
 *  - replicas whose container is stuck on a failed or unavailable host for 60 s are replaced;
 *  - missing replicas are created (placement honours anti-affinity), surplus ones deleted newest first;
 *  - with autoscaling, every 60 s: desired = ceil(current × average CPU % / target %), kept within
 *    [min, max] and ignored inside a ±10 % tolerance (Kubernetes HPA rule; container CPU % is of the
 *    request, VM CPU % of the vCPUs);
 *  - the service's load is `loadReplicas` replicas' worth of its template workload, spread evenly over
 *    the replicas that run (physics/demand.ts), so scaling out lowers each replica's utilisation.
 */
import type { ServiceRec } from '../world/types';
import type { World } from '../world/world';
import { LoadBook } from '../world/admission';
import { chooseContainerTarget } from './container-place';
import { createContainerRecord, createVmRecord, queueContainerStart, queueVmProvision } from './create';
import { removeContainer } from './inventory';
import { freshBook, place } from './requests';
import { newTask } from './tasks';
import { msg } from '../messages';

const EVICT_AFTER_SEC = 60;
const AUTOSCALE_EVERY_SEC = 60;
const TOLERANCE = 0.1;

/** Replica ids per service (VMs being deleted do not count). One pass over the guests. */
export function replicasByService(w: World): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const svc of w.services) out.set(svc.id, []);
  for (const v of w.vms) {
    if (v.serviceId === null) continue;
    if (v.busyTaskId !== null && w.taskById.get(v.busyTaskId)?.type === 'vm.delete') continue;
    out.get(v.serviceId)?.push(v.id);
  }
  for (const c of w.containers) if (c.serviceId !== null) out.get(c.serviceId)?.push(c.id);
  return out;
}

function autoscale(w: World, svc: ServiceRec, current: number): void {
  const a = svc.autoscale;
  if (!a || w.timeSec - svc.lastScaleAt < AUTOSCALE_EVERY_SEC || current === 0) return;
  let sum = 0;
  let n = 0;
  if (svc.template.kind === 'container') {
    for (const c of w.containers) {
      if (c.serviceId !== svc.id || c.state !== 'running') continue;
      const host = w.hostById.get(c.hostId ?? w.vmById.get(c.vmId ?? '')?.hostId ?? '');
      const capMHz = (c.cpuRequestMilli / 1000) * (host?.coreMHz ?? 1);
      sum += capMHz > 0 ? (c.cpuUsageMHz / capMHz) * 100 : 0;
      n++;
    }
  } else {
    for (const v of w.vms) {
      if (v.serviceId !== svc.id || v.power !== 'poweredOn') continue;
      const coreMHz = w.hostById.get(v.hostId)?.coreMHz ?? 1;
      sum += (v.cpuUsageMHz / (v.vcpus * coreMHz)) * 100;
      n++;
    }
  }
  if (n === 0) return;
  const ratio = sum / n / a.targetCpuPct;
  if (Math.abs(ratio - 1) <= TOLERANCE) return;
  const desired = Math.min(a.maxReplicas, Math.max(a.minReplicas, Math.ceil(n * ratio)));
  if (desired !== svc.replicas) {
    w.event(
      'info',
      'service.autoscaled',
      msg('ev.serviceAutoscaled', {
        service: svc.name,
        from: svc.replicas,
        to: desired,
        cpu: (sum / n).toFixed(0),
        target: a.targetCpuPct,
      }),
      [svc.id],
    );
    svc.replicas = desired;
    svc.lastScaleAt = w.timeSec;
  }
}

export function servicesTick(w: World): void {
  if (w.services.length === 0) return;
  let book: LoadBook | null = null;
  // Replace container replicas stranded on an unavailable host.
  const stranded = w.containers.filter((c) => {
    if (c.serviceId === null || c.hostId === null) return false;
    const h = w.hostById.get(c.hostId);
    return h !== undefined && h.state !== 'connected' && w.timeSec - h.stateSince >= EVICT_AFTER_SEC;
  });
  for (const c of stranded) {
    removeContainer(w, c);
    w.event('warning', 'container.evicted', msg('ev.ctEvicted', { ct: c.name }), [c.id, c.serviceId ?? '']);
  }
  const replicas = replicasByService(w);
  for (const svc of w.services) {
    const ids = replicas.get(svc.id) ?? [];
    const current = ids.length;
    svc.activeReplicas = Math.max(1, current);
    autoscale(w, svc, current);
    if (current > svc.replicas) {
      const extra = ids.slice(svc.replicas).reverse();
      for (const id of extra) {
        if (svc.template.kind === 'vm') {
          const vm = w.vmById.get(id);
          if (!vm || vm.busyTaskId !== null) continue;
          vm.busyTaskId = newTask(
            w,
            'vm.delete',
            msg('task.deleteScaleIn', { vm: vm.name, service: svc.name }),
            vm.id,
            {
              kind: 'timed',
              durationSec: 2,
              elapsedSec: 0,
              effect: { kind: 'vm.delete', vmId: vm.id },
            },
          ).id;
          vm.power = 'poweredOff';
        } else {
          const ct = w.containerById.get(id);
          if (ct) {
            removeContainer(w, ct);
            w.event('info', 'container.deleted', msg('ev.ctScaledIn', { ct: ct.name, service: svc.name }), [
              ct.id,
              svc.id,
            ]);
          }
        }
      }
      continue;
    }
    for (let i = current; i < svc.replicas; i++) {
      book ??= freshBook(w);
      if (!createReplica(w, svc, book)) break;
    }
  }
}

function createReplica(w: World, svc: ServiceRec, book: LoadBook): boolean {
  const name = `${svc.name}-${svc.nextOrdinal}`;
  const tpl = svc.template;
  if (tpl.kind === 'container') {
    const need = {
      cpuRequestMilli: tpl.cpuRequestMilli,
      memRequestMiB: tpl.memRequestMiB,
      clusterId: svc.clusterId,
      antiAffinityServiceId: svc.antiAffinity ? svc.id : null,
    };
    const { target, why } = chooseContainerTarget(w, need, book);
    if (!target) {
      if (w.timeSec % 300 < w.tickSeconds)
        w.event(
          'warning',
          'service.unschedulable',
          msg('ev.replicaUnplaceable', { service: svc.name, replica: name, reason: why }),
          [svc.id],
        );
      return false;
    }
    svc.nextOrdinal++;
    const ct = createContainerRecord(
      w,
      {
        name,
        cpuRequestMilli: tpl.cpuRequestMilli,
        cpuLimitMilli: tpl.cpuLimitMilli ?? null,
        memRequestMiB: tpl.memRequestMiB,
        memLimitMiB: tpl.memLimitMiB ?? null,
        imageMiB: tpl.imageMiB,
        workload: tpl.workload,
      },
      target,
      svc.id,
    );
    if ('hostId' in target)
      book.add(
        target.hostId,
        {
          vcpus: 0,
          memMiB: tpl.memRequestMiB,
          cpuReservationMHz: 0,
          memReservationMiB: tpl.memRequestMiB,
          requestMilli: tpl.cpuRequestMilli,
          isContainer: true,
        },
        svc.id,
      );
    else {
      const hostId = w.vmById.get(target.vmId)?.hostId;
      if (hostId) book.load(hostId).services.add(svc.id);
    }
    queueContainerStart(w, ct);
    return true;
  }
  const ds = w.datastores.find((d) => d.clusterId === svc.clusterId);
  const guest = {
    vcpus: tpl.vcpus,
    memMiB: tpl.memMiB,
    cpuReservationMHz: 0,
    memReservationMiB: 0,
    requestMilli: 0,
    isContainer: false,
  };
  const d = place(w, book, {
    guest,
    cpuDemandMHz: 0,
    guestId: null,
    datastoreIds: ds ? [ds.id] : [],
    networkId: tpl.networkId ?? null,
    clusterId: svc.clusterId,
    excludeHostIds: [],
    antiAffinityServiceId: svc.antiAffinity ? svc.id : null,
    reason: 'service',
  });
  if (d.hostId === null || !ds) {
    if (w.timeSec % 300 < w.tickSeconds)
      w.event(
        'warning',
        'service.unschedulable',
        msg(ds ? 'ev.replicaUnplaceableVm' : 'ev.replicaUnplaceableNoDs', {
          service: svc.name,
          replica: name,
        }),
        [svc.id],
      );
    return false;
  }
  svc.nextOrdinal++;
  const vm = createVmRecord(
    w,
    {
      name,
      vcpus: tpl.vcpus,
      memMiB: tpl.memMiB,
      disks: [{ sizeGiB: tpl.diskGiB, thin: tpl.thin }],
      ...(tpl.networkId ? { networkId: tpl.networkId } : {}),
      ...(tpl.guestOS ? { guestOS: tpl.guestOS } : {}),
      workload: tpl.workload,
    },
    d.hostId,
    [ds.id],
    svc.id,
  );
  book.add(d.hostId, guest, svc.id);
  queueVmProvision(w, vm, true, 'create');
  return true;
}

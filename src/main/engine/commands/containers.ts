/** container.* and service.* commands. */
import { engineError, err, ok, type CommandReceipt, type Result } from '../api';
import type { Command, NewContainerSpec } from '../model/commands';
import { canonicalAutoscale, canonicalTemplate } from '../model/canonical';
import type { ReplicaTemplate } from '../model/scenario';
import { chooseContainerTarget, vmRequests, type ContainerTarget } from '../ops/container-place';
import { createContainerRecord, queueContainerStart } from '../ops/create';
import { removeContainer, removeVm } from '../ops/inventory';
import { freshBook, place } from '../ops/requests';
import { placementChoiceError, requiresPlacementChoice } from '../scheduling/manual-placement';
import type { World } from '../world/world';
import { intIn, invalid, LIMITS, nameOk, notFound, workloadProblems } from './validate';
import { msg, msgList, msgText } from '../messages';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

function containerProblems(w: World, s: Omit<NewContainerSpec, 'name'> & { name?: string }): string[] {
  if (!s || typeof s !== 'object') return ['spec is required'];
  const p: (string | null)[] = [
    s.name !== undefined ? nameOk('name', s.name) : null,
    intIn('cpuRequestMilli', s.cpuRequestMilli, 1, LIMITS.milli),
    intIn('memRequestMiB', s.memRequestMiB, 1, LIMITS.memMiB),
    intIn('imageMiB', s.imageMiB, 0, 1_000_000),
  ];
  if (s.cpuLimitMilli != null) p.push(intIn('cpuLimitMilli', s.cpuLimitMilli, 1, LIMITS.milli));
  if (s.memLimitMiB != null) p.push(intIn('memLimitMiB', s.memLimitMiB, 1, LIMITS.memMiB));
  if (s.cpuLimitMilli != null && s.cpuLimitMilli < s.cpuRequestMilli)
    p.push('the CPU limit cannot be below the request');
  if (s.memLimitMiB != null && s.memLimitMiB < s.memRequestMiB)
    p.push('the memory limit cannot be below the request');
  if (s.restartPolicy !== undefined && !['always', 'onFailure', 'never'].includes(s.restartPolicy))
    p.push(`unknown restart policy "${String(s.restartPolicy)}"`);
  return [...p.filter((x): x is string => x !== null), ...workloadProblems(w, s.workload)];
}

export function containerCreate(w: World, cmd: Cmd<'container.create'>): Result<CommandReceipt> {
  const problems = containerProblems(w, cmd.spec);
  if (problems.length > 0) return err(invalid(problems, 'The container definition is invalid'));
  const given = [cmd.hostId, cmd.vmId, cmd.clusterId].filter((x) => x !== undefined).length;
  if (given > 1) return err(engineError('INVALID_ARGUMENT', 'give only one of hostId, vmId or clusterId'));
  let target: ContainerTarget;
  const book = freshBook(w);
  if (cmd.vmId !== undefined) {
    const vm = w.vmById.get(cmd.vmId);
    if (!vm) return err(notFound('VM', cmd.vmId));
    if (!vm.containerHost)
      return err(
        engineError(
          'INVALID_ARGUMENT',
          `${vm.name} is not a container host (enable containerHost on the VM)`,
        ),
      );
    if (vm.power !== 'poweredOn') return err(engineError('INVALID_STATE', `${vm.name} is not running`));
    const r = vmRequests(w, vm.id);
    if (
      r.milli + cmd.spec.cpuRequestMilli > vm.vcpus * 1000 ||
      r.mib + cmd.spec.memRequestMiB > vm.memMiB * 0.9
    ) {
      return err(
        engineError(
          'INSUFFICIENT_CAPACITY',
          `${vm.name} has ${vm.vcpus * 1000 - r.milli} m CPU and ${Math.floor(vm.memMiB * 0.9 - r.mib)} MiB left to request`,
        ),
      );
    }
    target = { vmId: vm.id };
  } else if (cmd.hostId !== undefined) {
    const host = w.hostById.get(cmd.hostId);
    if (!host) return err(notFound('host', cmd.hostId));
    const reasons = book.admit(host, {
      vcpus: 0,
      memMiB: cmd.spec.memRequestMiB,
      cpuReservationMHz: 0,
      memReservationMiB: cmd.spec.memRequestMiB,
      requestMilli: cmd.spec.cpuRequestMilli,
      isContainer: true,
    });
    if (reasons.length > 0)
      return err(
        engineError(
          host.state === 'connected' ? 'INSUFFICIENT_CAPACITY' : 'INVALID_STATE',
          msg('refuse.ctCannotRun', { host: host.name, reasons: msgList(reasons) }),
          { reasons: reasons.map(msgText) },
        ),
      );
    target = { hostId: host.id };
  } else {
    const clusterId = cmd.clusterId ?? (w.clusters.length === 1 ? w.clusters[0]!.id : undefined);
    if (clusterId === undefined)
      return err(
        engineError(
          'INVALID_ARGUMENT',
          'give a hostId, vmId or clusterId: the inventory has several clusters',
        ),
      );
    if (!w.clusterById.has(clusterId)) return err(notFound('cluster', clusterId));
    const c = chooseContainerTarget(
      w,
      {
        cpuRequestMilli: cmd.spec.cpuRequestMilli,
        memRequestMiB: cmd.spec.memRequestMiB,
        clusterId,
        antiAffinityServiceId: null,
      },
      book,
    );
    if (!c.target)
      return err(engineError('INSUFFICIENT_CAPACITY', `The container cannot be placed: ${c.why}`));
    // Manual DRS: a container that would run directly on a host needs the user's choice of host (one
    // going into a container-host VM is scheduled inside the guests, not by DRS).
    if ('hostId' in c.target && requiresPlacementChoice(w, clusterId))
      return err(
        placementChoiceError(
          w,
          clusterId,
          place(w, freshBook(w), containerHostRequest(cmd.spec, clusterId)),
          `container "${cmd.spec.name}"`,
        ),
      );
    target = c.target;
  }
  const ct = createContainerRecord(w, cmd.spec, target, null);
  const t = queueContainerStart(w, ct);
  return ok({ taskId: t.id, createdId: ct.id });
}

/** The request chooseContainerTarget makes for a container directly on a host (ops/container-place.ts), for ranking. */
function containerHostRequest(spec: NewContainerSpec, clusterId: string): Parameters<typeof place>[2] {
  return {
    guest: {
      vcpus: Math.max(1, Math.ceil(spec.cpuRequestMilli / 1000)),
      memMiB: spec.memRequestMiB,
      cpuReservationMHz: 0,
      memReservationMiB: spec.memRequestMiB,
      requestMilli: spec.cpuRequestMilli,
      isContainer: true,
    },
    cpuDemandMHz: 0,
    guestId: null,
    datastoreIds: [],
    networkId: null,
    clusterId,
    excludeHostIds: [],
    antiAffinityServiceId: null,
    reason: 'service',
  };
}

export function containerDelete(w: World, cmd: Cmd<'container.delete'>): Result<CommandReceipt> {
  const ct = w.containerById.get(cmd.containerId);
  if (!ct) return err(notFound('container', cmd.containerId));
  removeContainer(w, ct);
  w.event(
    'info',
    'container.deleted',
    msg(ct.serviceId ? 'ev.ctDeletedReplaced' : 'ev.ctDeleted', { ct: ct.name }),
    [ct.id],
  );
  return ok({});
}

export function containerRestart(w: World, cmd: Cmd<'container.restart'>): Result<CommandReceipt> {
  const ct = w.containerById.get(cmd.containerId);
  if (!ct) return err(notFound('container', cmd.containerId));
  if (ct.state === 'pending') return err(engineError('INVALID_STATE', `${ct.name} is still starting`));
  ct.state = 'running';
  ct.restartAt = null;
  ct.restarts++;
  w.event('info', 'container.restarted', msg('ev.ctRestartedByRequest', { ct: ct.name }), [ct.id]);
  return ok({});
}

export function templateProblems(w: World, t: ReplicaTemplate): string[] {
  if (!t || typeof t !== 'object') return ['template is required'];
  if (t.kind === 'vm') {
    const p = [
      intIn('template vcpus', t.vcpus, 1, LIMITS.vcpus),
      intIn('template memMiB', t.memMiB, 4, LIMITS.memMiB),
      intIn('template diskGiB', t.diskGiB, 1, LIMITS.diskGiB),
    ];
    if (t.networkId !== undefined && !w.networkById.has(t.networkId))
      p.push(`network "${t.networkId}" does not exist`);
    return [...p.filter((x): x is string => x !== null), ...workloadProblems(w, t.workload)];
  }
  if (t.kind === 'container') return containerProblems(w, t);
  return [`unknown template kind "${String((t as { kind: unknown }).kind)}"`];
}

export function serviceCreate(w: World, cmd: Cmd<'service.create'>): Result<CommandReceipt> {
  const p = [nameOk('name', cmd.name), intIn('replicas', cmd.replicas, 0, LIMITS.replicas)].filter(
    (x): x is string => x !== null,
  );
  p.push(...templateProblems(w, cmd.template));
  if (cmd.autoscale) {
    const a = cmd.autoscale;
    const q = [
      intIn('minReplicas', a.minReplicas, 0, LIMITS.replicas),
      intIn('maxReplicas', a.maxReplicas, 1, LIMITS.replicas),
      intIn('targetCpuPct', a.targetCpuPct, 1, 100),
    ];
    p.push(...q.filter((x): x is string => x !== null));
    if (a.minReplicas > a.maxReplicas) p.push('minReplicas cannot exceed maxReplicas');
  }
  if (!w.clusterById.has(cmd.clusterId)) return err(notFound('cluster', cmd.clusterId));
  if (p.length > 0) return err(invalid(p, 'The service definition is invalid'));
  const id = w.newId('svc');
  w.services.push({
    id,
    name: cmd.name,
    clusterId: cmd.clusterId,
    replicas: cmd.replicas,
    antiAffinity: cmd.antiAffinity,
    template: canonicalTemplate(cmd.template),
    autoscale: cmd.autoscale ? canonicalAutoscale(cmd.autoscale) : null,
    nextOrdinal: 1,
    loadReplicas: Math.max(1, cmd.replicas),
    activeReplicas: Math.max(1, cmd.replicas),
    lastScaleAt: w.timeSec,
  });
  w.reindex();
  w.event('info', 'service.created', msg('ev.serviceCreated', { service: cmd.name, count: cmd.replicas }), [
    id,
  ]);
  return ok({ createdId: id });
}

export function serviceScale(w: World, cmd: Cmd<'service.scale'>): Result<CommandReceipt> {
  const svc = w.serviceById.get(cmd.serviceId);
  if (!svc) return err(notFound('service', cmd.serviceId));
  const p = intIn('replicas', cmd.replicas, 0, LIMITS.replicas);
  if (p) return err(invalid([p], `Cannot scale ${svc.name}`));
  if (
    svc.autoscale &&
    (cmd.replicas < svc.autoscale.minReplicas || cmd.replicas > svc.autoscale.maxReplicas)
  ) {
    return err(
      engineError(
        'INVALID_ARGUMENT',
        `${svc.name} autoscales between ${svc.autoscale.minReplicas} and ${svc.autoscale.maxReplicas} replicas`,
      ),
    );
  }
  w.event(
    'info',
    'service.scaled',
    msg('ev.serviceScaled', { service: svc.name, from: svc.replicas, to: cmd.replicas }),
    [svc.id],
  );
  svc.replicas = cmd.replicas;
  svc.lastScaleAt = w.timeSec;
  return ok({});
}

export function serviceDelete(w: World, cmd: Cmd<'service.delete'>): Result<CommandReceipt> {
  const svc = w.serviceById.get(cmd.serviceId);
  if (!svc) return err(notFound('service', cmd.serviceId));
  const busy = w.vms.find((v) => v.serviceId === svc.id && v.busyTaskId !== null && v.migratingTo !== null);
  if (busy)
    return err(engineError('CONFLICT', `${busy.name} of ${svc.name} is migrating; wait for it to finish`));
  for (const ct of w.containers.filter((c) => c.serviceId === svc.id)) removeContainer(w, ct);
  for (const vm of w.vms.filter((v) => v.serviceId === svc.id)) removeVm(w, vm);
  w.services = w.services.filter((s) => s !== svc);
  w.reindex();
  w.event('info', 'service.deleted', msg('ev.serviceDeleted', { service: svc.name }), [svc.id]);
  return ok({});
}

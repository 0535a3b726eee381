/** describe(id) and list(kind): object details and table rows with their latest metrics. */
import { engineError, err, ok, type EntityKind, type MetricEntityKind, type Result } from '../api';
import { restartPriority } from '../scheduling';
import { minFreeMiB } from '../world/defaults';
import type { World } from '../world/world';
import type { EntityDetail, EntitySummary } from '../model/views';
import { allocationOf } from './allocation';
import { containerState, vmState } from './inventory';
import { clusterSchedulingDetail } from './scheduling-detail';
import { derivedRules } from './derived-rules';
import type { LatestMetrics } from './latest';
import { datastoreFiles, vmLifecycle } from './lifecycle';
import { guestLayersOfContainer, guestLayersOfVm } from './layers';
import { hostCpuCapacityTopo } from '../physics/topology';
import { DISK_SHARES, SIOC_THRESHOLD_MS } from '../physics/sioc';

const MEM_STATES = ['high', 'clear', 'soft', 'hard', 'low'];

export function describeEntity(w: World, latest: LatestMetrics, id: string): Result<EntityDetail> {
  const base = (name: string, state: string, parentId: string | null, childIds: string[]) => ({
    id,
    name,
    state,
    parentId,
    metrics: latest.find(id) ?? {},
    childIds,
  });
  const host = w.hostById.get(id);
  if (host) {
    const allocation = allocationOf(w, new Set([host.id]));
    return ok({
      kind: 'host',
      ...base(host.name, host.state, host.clusterId, [
        ...w.vms.filter((v) => v.hostId === id).map((v) => v.id),
        ...w.containers.filter((c) => c.hostId === id).map((c) => c.id),
      ]),
      properties: {
        cpuModel: host.cpuModel,
        cpuVendor: host.cpuVendor,
        cpuGeneration: host.cpuGeneration,
        sockets: host.sockets,
        coresPerSocket: host.coresPerSocket,
        coreMHz: host.coreMHz,
        memMiB: host.memMiB,
        minFreeMiB: Math.round(minFreeMiB(host.memMiB)),
        memState: MEM_STATES[host.memState] ?? 'high',
        nicMbps: host.nicMbps,
        idleW: host.idleW,
        maxW: host.maxW,
        stateSinceSec: host.stateSince,
        energyKWh: host.energyKWh,
        // cpuCapacityMHz comes from the allocation figures (what is schedulable), as it always has
        ...allocation,
      },
      allocation,
      annotations: {
        tags: [...(host.tags ?? [])],
        attributes: (host.attributes ?? []).map((a) => ({ ...a })),
      },
      topology: host.topology
        ? {
            numaNodes: host.topology.numaNodes,
            threadsPerCore: host.topology.threadsPerCore,
            coresPerNode: (host.sockets * host.coresPerSocket) / host.topology.numaNodes,
            memMiBPerNode: Math.floor(host.memMiB / host.topology.numaNodes),
            logicalCpus: host.sockets * host.coresPerSocket * host.topology.threadsPerCore,
            cpuCapacityMHz: hostCpuCapacityTopo(host),
          }
        : null,
    });
  }
  const vm = w.vmById.get(id);
  if (vm) {
    return ok({
      kind: 'vm',
      ...base(
        vm.name,
        vmState(vm),
        vm.hostId,
        w.containers.filter((c) => c.vmId === id).map((c) => c.id),
      ),
      properties: {
        power: vm.power,
        hostId: vm.hostId,
        guestOS: vm.guestOS,
        vcpus: vm.vcpus,
        memMiB: vm.memMiB,
        cpuShares: vm.cpuShares,
        cpuSharesLevel: vm.cpuSharesLevel,
        cpuReservationMHz: vm.cpuResMHz,
        cpuLimitMHz: vm.cpuLimitMHz,
        memShares: vm.memShares,
        memSharesLevel: vm.memSharesLevel,
        memReservationMiB: vm.memResMiB,
        memLimitMiB: vm.memLimitMiB,
        hotAddCpu: vm.hotAddCpu,
        hotAddMem: vm.hotAddMem,
        containerHost: vm.containerHost,
        networkId: vm.networkId,
        serviceId: vm.serviceId,
        tags: vm.tags.join(', '),
        haRestartPriority: restartPriority(vm, w),
        workload: vm.workload.pattern,
        busyTaskId: vm.busyTaskId,
        workloadSpec: {
          pattern: vm.workload.pattern,
          cpuBasePct: vm.workload.cpuBasePct,
          cpuPeakPct: vm.workload.cpuPeakPct,
          memActivePct: vm.workload.memActivePct,
          iopsPeak: vm.workload.iopsPeak ?? null,
          netPeakMbps: vm.workload.netPeakMbps ?? null,
        },
        migratingTo: vm.migratingTo,
        paused: vm.paused,
        haPending: vm.haPending,
        poweredOnAtSec: vm.poweredOnAt,
        createdAtSec: vm.createdAt,
      },
      disks: vm.disks.map((disk) => ({
        datastoreId: disk.datastoreId,
        sizeGiB: disk.sizeGiB,
        usedGiB: Math.round(disk.usedGiB * 100) / 100,
        thin: disk.thin,
        iopsShares: disk.iopsShares ?? DISK_SHARES.normal,
        iopsLimit: disk.iopsLimit ?? null,
      })),
      lifecycle: vmLifecycle(vm),
      layers: guestLayersOfVm(w, vm, latest.find(id) ?? {}),
    });
  }
  const ct = w.containerById.get(id);
  if (ct) {
    return ok({
      kind: 'container',
      ...base(ct.name, containerState(ct), ct.vmId ?? ct.hostId, []),
      properties: {
        hostId: ct.hostId,
        vmId: ct.vmId,
        cpuRequestMilli: ct.cpuRequestMilli,
        cpuLimitMilli: ct.cpuLimitMilli,
        memRequestMiB: ct.memRequestMiB,
        memLimitMiB: ct.memLimitMiB,
        imageMiB: ct.imageMiB,
        restartPolicy: ct.restartPolicy,
        restarts: ct.restarts,
        oomKills: ct.oomKills,
        restartAtSec: ct.restartAt,
        serviceId: ct.serviceId,
        workload: ct.workload.pattern,
        createdAtSec: ct.createdAt,
      },
      layers: guestLayersOfContainer(w, ct, (vmId) => latest.find(vmId) ?? {}),
    });
  }
  const cl = w.clusterById.get(id);
  if (cl) {
    const s = cl.settings;
    const hostIds = w.hosts.filter((h) => h.clusterId === id).map((h) => h.id);
    const allocation = allocationOf(w, new Set(hostIds));
    const scheduling = clusterSchedulingDetail(w, cl.id);
    return ok({
      kind: 'cluster',
      ...base(cl.name, 'ok', cl.datacenterId, hostIds),
      properties: {
        placementPolicy: s.placementPolicy,
        drsEnabled: s.drs.enabled,
        drsAutomation: s.drs.automation,
        drsThreshold: s.drs.threshold,
        haEnabled: s.ha.enabled,
        haAdmission: s.ha.admission,
        haCpuReservePct: s.ha.cpuReservePct,
        haMemReservePct: s.ha.memReservePct,
        haRestartDelaySec: s.ha.restartDelaySec,
        dpmEnabled: s.dpm.enabled,
        cpuAllocationRatio: s.cpuAllocationRatio,
        memAllocationRatio: s.memAllocationRatio,
        migrationDowntimeTargetMs: s.migration.downtimeTargetMs,
        migrationMaxRounds: s.migration.maxRounds,
        haFailuresToTolerate: s.ha.failuresToTolerate ?? 1,
        rules: (s.rules ?? []).length,
        haHostMonitoring: s.ha.hostMonitoring !== false,
        haRestartPriority: s.ha.restartPriority ?? 'medium',
        dpmAutomation: s.dpm.automation ?? 'automatic',
        vmGroups: (s.vmGroups ?? []).length,
        hostGroups: (s.hostGroups ?? []).length,
        ...allocation,
      },
      settings: JSON.parse(JSON.stringify(s)) as typeof s,
      allocation,
      ...(scheduling ? { scheduling } : {}),
      derivedRules: derivedRules(w, cl.id),
    });
  }
  const ds = w.datastores.find((x) => x.id === id);
  if (ds) {
    return ok({
      kind: 'datastore',
      ...base(
        ds.name,
        ds.full ? 'full' : 'ok',
        ds.clusterId ?? ds.hostId,
        w.vms.filter((v) => v.disks.some((k) => k.datastoreId === id)).map((v) => v.id),
      ),
      properties: {
        capacityGiB: ds.capacityGiB,
        usedGiB: Math.round(ds.usedGiB * 10) / 10,
        provisionedGiB: Math.round(ds.provisionedGiB * 10) / 10,
        maxIops: ds.maxIops,
        baseLatencyMs: ds.baseLatencyMs,
        copyMiBps: ds.copyMiBps,
        sharedByClusterId: ds.clusterId,
        localToHostId: ds.hostId,
        siocEnabled: ds.sioc?.enabled ?? false,
        siocThresholdMs: ds.sioc?.thresholdMs ?? SIOC_THRESHOLD_MS,
      },
      files: datastoreFiles(w, ds.id),
    });
  }
  const net = w.networkById.get(id);
  if (net) {
    return ok({
      kind: 'network',
      ...base(
        net.name,
        'ok',
        net.datacenterId,
        w.vms.filter((v) => v.networkId === id).map((v) => v.id),
      ),
      properties: { vlanId: net.vlanId, clusterIds: net.clusterIds.join(', ') || 'all' },
    });
  }
  const svc = w.serviceById.get(id);
  if (svc) {
    const replicas = [
      ...w.vms.filter((v) => v.serviceId === id).map((v) => v.id),
      ...w.containers.filter((c) => c.serviceId === id).map((c) => c.id),
    ];
    return ok({
      kind: 'service',
      ...base(svc.name, replicas.length === svc.replicas ? 'ok' : 'scaling', svc.clusterId, replicas),
      properties: {
        kind: svc.template.kind,
        replicas: svc.replicas,
        running: replicas.length,
        antiAffinity: svc.antiAffinity,
        clusterId: svc.clusterId,
        autoscale: svc.autoscale
          ? `${svc.autoscale.minReplicas}-${svc.autoscale.maxReplicas} @ ${svc.autoscale.targetCpuPct} % CPU`
          : null,
      },
    });
  }
  const dc = w.datacenterById.get(id);
  if (dc) {
    const clusterIds = new Set(w.clusters.filter((c) => c.datacenterId === id).map((c) => c.id));
    const hostIds = new Set(w.hosts.filter((h) => clusterIds.has(h.clusterId)).map((h) => h.id));
    const allocation = allocationOf(w, hostIds);
    return ok({
      kind: 'datacenter',
      ...base(dc.name, 'ok', null, [...clusterIds]),
      properties: { location: dc.location, ...allocation },
      allocation,
    });
  }
  return err(engineError('NOT_FOUND', `No object with id "${id}" exists.`, { id }));
}

/** The chain of parents of a host-attached object: host, cluster, datacenter. */
function hostChain(w: World, hostId: string | null): string[] {
  if (hostId === null) return [];
  const h = w.hostById.get(hostId);
  if (!h) return [hostId];
  const c = w.clusterById.get(h.clusterId);
  return c ? [h.id, c.id, c.datacenterId] : [h.id];
}

/** Rows of one kind; with `parentId`, only objects below that parent (at any depth). */
export function listEntities(
  w: World,
  latest: LatestMetrics,
  kind: EntityKind,
  parentId?: string,
): EntitySummary[] {
  const rows: EntitySummary[] = [];
  const push = (
    id: string,
    name: string,
    state: string,
    ancestors: string[],
    mkind: MetricEntityKind | null,
  ): void => {
    if (parentId !== undefined && !ancestors.includes(parentId)) return;
    const row: EntitySummary = { id, kind, name, state, parentId: ancestors[0] ?? null };
    if (mkind) {
      const m = latest.of(mkind, id);
      if (m) row.metrics = m;
    }
    rows.push(row);
  };
  const dcOf = (clusterId: string | null): string[] => {
    const c = clusterId === null ? undefined : w.clusterById.get(clusterId);
    return c ? [c.id, c.datacenterId] : [];
  };
  switch (kind) {
    case 'datacenter':
      for (const x of w.datacenters) push(x.id, x.name, 'ok', [], null);
      break;
    case 'cluster':
      for (const x of w.clusters) push(x.id, x.name, 'ok', [x.datacenterId], 'cluster');
      break;
    case 'host':
      for (const x of w.hosts) push(x.id, x.name, x.state, dcOf(x.clusterId), 'host');
      break;
    case 'datastore':
      for (const x of w.datastores)
        push(
          x.id,
          x.name,
          x.full ? 'full' : 'ok',
          x.clusterId !== null ? dcOf(x.clusterId) : hostChain(w, x.hostId),
          'datastore',
        );
      break;
    case 'network':
      for (const x of w.networks) push(x.id, x.name, 'ok', [x.datacenterId], null);
      break;
    case 'vm':
      for (const x of w.vms) push(x.id, x.name, vmState(x), hostChain(w, x.hostId), 'vm');
      break;
    case 'container':
      for (const x of w.containers) {
        const hostId = x.hostId ?? w.vmById.get(x.vmId ?? '')?.hostId ?? null;
        push(
          x.id,
          x.name,
          containerState(x),
          [...(x.vmId !== null ? [x.vmId] : []), ...hostChain(w, hostId)],
          'container',
        );
      }
      break;
    case 'service':
      for (const x of w.services) push(x.id, x.name, 'ok', dcOf(x.clusterId), null);
      break;
    case 'pool':
      // Resource pools and vApps: their ancestors are their parent pools, then the cluster and datacenter.
      for (const x of w.pools) {
        const chain: string[] = [];
        for (let q = x.parentId; q !== null; q = w.poolById.get(q)?.parentId ?? null) chain.push(q);
        push(x.id, x.name, x.vapp ? 'vapp' : 'pool', [...chain, ...dcOf(x.clusterId)], 'pool');
      }
      break;
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
  return rows;
}

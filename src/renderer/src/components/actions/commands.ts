/**
 * Builders of engine commands for `command.execute` (shapes of src/main/engine/model/commands.ts,
 * validated by src/shared/schemas/commands.ts). The one place that knows them.
 */
import type { CommandInput } from '@shared/schemas/commands';

type Cmd<T extends CommandInput['type']> = Extract<CommandInput, { type: T }>;
export type ReplicaTemplate = Cmd<'service.create'>['template'];
export type NewHostSpec = Cmd<'host.add'>['spec'];
export type ClusterSettingsPatch = Cmd<'cluster.configure'>['settings'];
export type RuleInput = Cmd<'cluster.rule.put'>['rule'];
export type GroupInput = Cmd<'cluster.group.put'>['group'];

export type PowerOp = 'powerOn' | 'powerOff' | 'shutdown' | 'suspend' | 'reset';
const POWER_ACTION: Record<PowerOp, 'on' | 'off' | 'shutdown' | 'suspend' | 'reset'> = {
  powerOn: 'on',
  powerOff: 'off',
  shutdown: 'shutdown',
  suspend: 'suspend',
  reset: 'reset',
};

export interface WorkloadInput {
  pattern: 'constant' | 'diurnal' | 'weekly' | 'bursty' | 'randomWalk';
  cpuBasePct: number;
  cpuPeakPct: number;
  memActivePct: number;
  iopsPeak?: number;
  netPeakMbps?: number;
}

export interface AllocInput {
  shares?: 'low' | 'normal' | 'high' | number;
  reservation?: number;
  limit?: number | null;
}

export interface NewVmInput {
  name: string;
  vcpus: number;
  memMiB: number;
  disks: { sizeGiB: number; thin: boolean; datastoreId?: string }[];
  networkId?: string;
  guestOS?: string;
  hotAddCpu?: boolean;
  hotAddMem?: boolean;
  containerHost?: boolean;
  cpu?: AllocInput;
  mem?: AllocInput;
  workload: WorkloadInput;
}

// A reservation of 0 and a null limit are real values (they remove a reservation / a limit):
// only an absent (undefined) field is left out.
const cpuAlloc = (a: AllocInput | undefined) =>
  a
    ? {
        ...(a.shares !== undefined ? { shares: a.shares } : {}),
        ...(a.reservation !== undefined ? { reservationMHz: a.reservation } : {}),
        ...(a.limit !== undefined ? { limitMHz: a.limit } : {}),
      }
    : undefined;
const memAlloc = (a: AllocInput | undefined) =>
  a
    ? {
        ...(a.shares !== undefined ? { shares: a.shares } : {}),
        ...(a.reservation !== undefined ? { reservationMiB: a.reservation } : {}),
        ...(a.limit !== undefined ? { limitMiB: a.limit } : {}),
      }
    : undefined;

export const cmd = {
  vmPower: (vmId: string, op: PowerOp): CommandInput => ({
    type: 'vm.power',
    vmId,
    action: POWER_ACTION[op],
  }),
  vmDelete: (vmId: string): CommandInput => ({ type: 'vm.delete', vmId }),
  vmMigrate: (vmId: string, hostId?: string, datastoreId?: string): CommandInput => ({
    type: 'vm.migrate',
    vmId,
    ...(hostId ? { hostId } : {}),
    ...(datastoreId ? { datastoreId } : {}),
  }),
  /** Applies a cluster's pending DRS recommendations (all, or the one for `vmId`). */
  drsApply: (clusterId: string, vmId?: string): CommandInput => ({
    type: 'drs.apply',
    clusterId,
    ...(vmId ? { vmId } : {}),
  }),
  vmClone: (
    vmId: string,
    name: string,
    hostId?: string,
    powerOn?: boolean,
    custom: { clusterId?: string; datastoreId?: string; vcpus?: number; memMiB?: number } = {},
  ): CommandInput => ({
    type: 'vm.clone',
    vmId,
    name,
    ...(hostId ? { hostId } : custom.clusterId ? { clusterId: custom.clusterId } : {}),
    ...(powerOn !== undefined ? { powerOn } : {}),
    ...(custom.datastoreId ? { datastoreId: custom.datastoreId } : {}),
    ...(custom.vcpus !== undefined ? { vcpus: custom.vcpus } : {}),
    ...(custom.memMiB !== undefined ? { memMiB: custom.memMiB } : {}),
  }),
  vmResize: (
    vmId: string,
    change: { vcpus?: number; memMiB?: number; disk?: { index: number; sizeGiB: number } },
  ): CommandInput => ({ type: 'vm.resize', vmId, ...change }),
  vmConfigure: (
    vmId: string,
    change: { name?: string; cpu?: AllocInput; mem?: AllocInput; workload?: WorkloadInput },
  ): CommandInput => ({
    type: 'vm.configure',
    vmId,
    ...(change.name ? { name: change.name } : {}),
    ...(change.cpu ? { cpu: cpuAlloc(change.cpu) } : {}),
    ...(change.mem ? { mem: memAlloc(change.mem) } : {}),
    ...(change.workload ? { workload: change.workload } : {}),
  }),
  vmCreate: (
    spec: NewVmInput,
    place: { clusterId?: string; hostId?: string },
    powerOn: boolean,
  ): CommandInput => ({
    type: 'vm.create',
    spec: {
      name: spec.name,
      vcpus: spec.vcpus,
      memMiB: spec.memMiB,
      disks: spec.disks,
      ...(spec.networkId ? { networkId: spec.networkId } : {}),
      ...(spec.guestOS ? { guestOS: spec.guestOS } : {}),
      ...(spec.hotAddCpu ? { hotAddCpu: true } : {}),
      ...(spec.hotAddMem ? { hotAddMem: true } : {}),
      ...(spec.containerHost ? { containerHost: true } : {}),
      ...(spec.cpu ? { cpu: cpuAlloc(spec.cpu) } : {}),
      ...(spec.mem ? { mem: memAlloc(spec.mem) } : {}),
      workload: spec.workload,
    },
    ...(place.hostId ? { hostId: place.hostId } : place.clusterId ? { clusterId: place.clusterId } : {}),
    powerOn,
  }),
  containerCreate: (
    spec: {
      name: string;
      cpuRequestMilli: number;
      cpuLimitMilli: number | null;
      memRequestMiB: number;
      memLimitMiB: number | null;
      imageMiB: number;
      restartPolicy: 'always' | 'onFailure' | 'never';
      workload: WorkloadInput;
    },
    place: { hostId?: string; vmId?: string; clusterId?: string },
  ): CommandInput => ({ type: 'container.create', spec, ...place }),
  containerDelete: (containerId: string): CommandInput => ({ type: 'container.delete', containerId }),
  containerRestart: (containerId: string): CommandInput => ({ type: 'container.restart', containerId }),
  serviceCreate: (s: {
    name: string;
    clusterId: string;
    replicas: number;
    antiAffinity: boolean;
    template: ReplicaTemplate;
    autoscale?: { minReplicas: number; maxReplicas: number; targetCpuPct: number };
  }): CommandInput => ({
    type: 'service.create',
    ...s,
  }),
  serviceDelete: (serviceId: string): CommandInput => ({ type: 'service.delete', serviceId }),
  serviceScale: (serviceId: string, replicas: number): CommandInput => ({
    type: 'service.scale',
    serviceId,
    replicas,
  }),
  hostEnterMaintenance: (hostId: string): CommandInput => ({ type: 'host.maintenance', hostId, enter: true }),
  hostExitMaintenance: (hostId: string): CommandInput => ({ type: 'host.maintenance', hostId, enter: false }),
  hostFail: (hostId: string): CommandInput => ({ type: 'host.fail', hostId }),
  hostRepair: (hostId: string): CommandInput => ({ type: 'host.repair', hostId }),
  hostAdd: (clusterId: string, spec: NewHostSpec): CommandInput => ({ type: 'host.add', clusterId, spec }),
  hostRemove: (hostId: string): CommandInput => ({ type: 'host.remove', hostId }),
  taskCancel: (taskId: string): CommandInput => ({ type: 'task.cancel', taskId }),
  // Cluster configuration (Edit cluster settings, VM/Host groups and rules) and host power operations.
  clusterConfigure: (clusterId: string, settings: ClusterSettingsPatch): CommandInput => ({
    type: 'cluster.configure',
    clusterId,
    settings,
  }),
  rulePut: (clusterId: string, rule: RuleInput): CommandInput => ({
    type: 'cluster.rule.put',
    clusterId,
    rule,
  }),
  ruleDelete: (clusterId: string, ruleId: string): CommandInput => ({
    type: 'cluster.rule.delete',
    clusterId,
    ruleId,
  }),
  groupPut: (clusterId: string, group: GroupInput): CommandInput => ({
    type: 'cluster.group.put',
    clusterId,
    group,
  }),
  groupDelete: (clusterId: string, groupId: string): CommandInput => ({
    type: 'cluster.group.delete',
    clusterId,
    groupId,
  }),
  hostStandby: (hostId: string, enter: boolean): CommandInput => ({ type: 'host.standby', hostId, enter }),
  hostPower: (hostId: string, action: 'reboot' | 'shutdown'): CommandInput => ({
    type: 'host.power',
    hostId,
    action,
  }),
  hostConnection: (hostId: string, connect: boolean): CommandInput => ({
    type: 'host.connection',
    hostId,
    connect,
  }),
  // VM lifecycle
  snapshotCreate: (vmId: string, name: string, description: string, memory: boolean): CommandInput => ({
    type: 'vm.snapshot.create',
    vmId,
    name,
    ...(description ? { description } : {}),
    memory,
  }),
  snapshotRevert: (vmId: string, snapshotId: string): CommandInput => ({
    type: 'vm.snapshot.revert',
    vmId,
    snapshotId,
  }),
  snapshotDelete: (vmId: string, snapshotId: string): CommandInput => ({
    type: 'vm.snapshot.delete',
    vmId,
    snapshotId,
  }),
  snapshotDeleteAll: (vmId: string): CommandInput => ({ type: 'vm.snapshot.deleteAll', vmId }),
  consolidate: (vmId: string): CommandInput => ({ type: 'vm.consolidate', vmId }),
  vmTemplate: (vmId: string, template: boolean): CommandInput => ({ type: 'vm.template', vmId, template }),
  annotate: (
    objectId: string,
    tags: string[],
    attributes: { key: string; value: string }[],
  ): CommandInput => ({ type: 'object.annotate', objectId, tags, attributes }),
  // issue 20: topology, layers, Storage I/O Control, runtimes
  hostTopology: (hostId: string, topology: Cmd<'host.topology'>['topology']): CommandInput => ({
    type: 'host.topology',
    hostId,
    topology,
  }),
  vmLayers: (vmId: string, nested: boolean, passthrough: string[]): CommandInput => ({
    type: 'vm.layers',
    vmId,
    nested,
    passthrough,
  }),
  vmRuntime: (vmId: string, runtime: Cmd<'vm.runtime'>['runtime']): CommandInput => ({
    type: 'vm.runtime',
    vmId,
    runtime,
  }),
  vmDiskIo: (
    vmId: string,
    index: number,
    iopsShares: Cmd<'vm.disk.io'>['iopsShares'],
    iopsLimit: number | null,
  ): CommandInput => ({ type: 'vm.disk.io', vmId, index, iopsShares, iopsLimit }),
  datastoreSioc: (datastoreId: string, enabled: boolean, thresholdMs: number): CommandInput => ({
    type: 'datastore.sioc',
    datastoreId,
    enabled,
    thresholdMs,
  }),
};

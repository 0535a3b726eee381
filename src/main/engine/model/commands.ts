/**
 * Commands: everything a user (or a script) can ask the engine to do. A discriminated union on `type`;
 * the zod schema in src/shared/schemas/commands.ts validates exactly this shape.
 * Sizes are integers (MiB, GiB, MHz, millicores); ids name existing objects.
 */
import type {
  AffinityRuleKind,
  AutoscaleSpec,
  ClusterSettingsPatch,
  CpuAllocSpec,
  HaRestartPriority,
  HostSpec,
  HostTopologySpec,
  MemAllocSpec,
  PoolAllocSpec,
  ReplicaTemplate,
  RestartPolicy,
  RuntimeSpec,
  SharesSpec,
  WorkloadSpec,
} from './scenario';

/** A new VM's definition (the engine picks the id; disks go to `datastoreId` or a reachable datastore). */
export interface NewVmSpec {
  name: string;
  vcpus: number;
  memMiB: number;
  disks: { sizeGiB: number; thin: boolean; datastoreId?: string }[];
  networkId?: string;
  cpu?: CpuAllocSpec;
  mem?: MemAllocSpec;
  guestOS?: string;
  tags?: string[];
  haRestartPriority?: HaRestartPriority;
  hotAddCpu?: boolean;
  hotAddMem?: boolean;
  containerHost?: boolean;
  workload: WorkloadSpec;
}

export interface NewContainerSpec {
  name: string;
  cpuRequestMilli: number;
  cpuLimitMilli?: number | null;
  memRequestMiB: number;
  memLimitMiB?: number | null;
  imageMiB: number;
  restartPolicy?: RestartPolicy;
  workload: WorkloadSpec;
}

export type VmPowerAction = 'on' | 'off' | 'shutdown' | 'reset' | 'suspend';

export type Command =
  /**
   * Create a VM on `hostId`, or in `clusterId` where the placement policy chooses the host; in resource pool
   * `poolId` (a pool of that cluster, or the cluster's id for its root; default the root).
   */
  | {
      type: 'vm.create';
      spec: NewVmSpec;
      clusterId?: string;
      hostId?: string;
      powerOn?: boolean;
      poolId?: string;
    }
  /**
   * Clone a VM, or deploy one from a template, optionally customised: size, host or cluster (the
   * placement policy picks the host), datastore of its disks.
   */
  | {
      type: 'vm.clone';
      vmId: string;
      name: string;
      hostId?: string;
      powerOn?: boolean;
      clusterId?: string;
      datastoreId?: string;
      vcpus?: number;
      memMiB?: number;
      /** Resource pool of the clone (or the cluster's id for its root); default the source's pool when in its cluster. */
      poolId?: string;
    }
  | { type: 'vm.delete'; vmId: string }
  | { type: 'vm.power'; vmId: string; action: VmPowerAction }
  /** Change vCPUs / memory (hot-add only when enabled, never hot-remove) or grow a disk. */
  | {
      type: 'vm.resize';
      vmId: string;
      vcpus?: number;
      memMiB?: number;
      disk?: { index: number; sizeGiB: number };
    }
  | {
      type: 'vm.configure';
      vmId: string;
      cpu?: CpuAllocSpec;
      mem?: MemAllocSpec;
      workload?: WorkloadSpec;
      tags?: string[];
      name?: string;
      haRestartPriority?: HaRestartPriority;
    }
  /** Move a VM: live when powered on (cold otherwise) to `hostId`; disks to `datastoreId` (storage migration). */
  | { type: 'vm.migrate'; vmId: string; hostId?: string; datastoreId?: string }
  | { type: 'container.create'; spec: NewContainerSpec; hostId?: string; vmId?: string; clusterId?: string }
  | { type: 'container.delete'; containerId: string }
  | { type: 'container.restart'; containerId: string }
  | {
      type: 'service.create';
      name: string;
      clusterId: string;
      replicas: number;
      antiAffinity: boolean;
      template: ReplicaTemplate;
      autoscale?: AutoscaleSpec;
    }
  | { type: 'service.scale'; serviceId: string; replicas: number }
  | { type: 'service.delete'; serviceId: string }
  | { type: 'host.add'; clusterId: string; spec: Omit<HostSpec, 'id' | 'clusterId' | 'state'> }
  | { type: 'host.remove'; hostId: string }
  | { type: 'host.maintenance'; hostId: string; enter: boolean }
  | { type: 'host.standby'; hostId: string; enter: boolean }
  | { type: 'host.fail'; hostId: string }
  | { type: 'host.repair'; hostId: string }
  | { type: 'cluster.configure'; clusterId: string; settings: ClusterSettingsPatch }
  | { type: 'task.cancel'; taskId: string }
  /** Approve DRS recommendations of a manual / partially automated cluster: the VM's, or all. */
  | { type: 'drs.apply'; clusterId: string; vmId?: string }
  /** Create (no id, or a new one) or replace (an existing id) a DRS rule of the cluster. */
  | { type: 'cluster.rule.put'; clusterId: string; rule: RuleInput }
  | { type: 'cluster.rule.delete'; clusterId: string; ruleId: string }
  /** Create or replace a VM or host group; rules made from it follow its members. */
  | { type: 'cluster.group.put'; clusterId: string; group: GroupInput }
  | { type: 'cluster.group.delete'; clusterId: string; groupId: string }
  // VM lifecycle (commands/vm-lifecycle.ts)
  | { type: 'vm.snapshot.create'; vmId: string; name: string; description?: string; memory?: boolean }
  | { type: 'vm.snapshot.revert'; vmId: string; snapshotId: string }
  | { type: 'vm.snapshot.delete'; vmId: string; snapshotId: string }
  | { type: 'vm.snapshot.deleteAll'; vmId: string }
  | { type: 'vm.consolidate'; vmId: string }
  /** Convert a powered-off VM to a template (true) or a template back to a VM (false). */
  | { type: 'vm.template'; vmId: string; template: boolean }
  /** Replace the tags and/or custom attributes of a VM or a host. */
  | {
      type: 'object.annotate';
      objectId: string;
      tags?: string[];
      attributes?: { key: string; value: string }[];
    }
  /** Reboot or shut down a host that runs no VMs (it powers down; a reboot comes back after a while). */
  | { type: 'host.power'; hostId: string; action: 'reboot' | 'shutdown' }
  /** Disconnect a host from management (its VMs keep running, unmanaged) or reconnect it. */
  | { type: 'host.connection'; hostId: string; connect: boolean }
  // Resource pools and vApps (pools/commands.ts)
  /** Create a pool (or, with vapp, a vApp) under a cluster (no parentId) or under a pool of it. */
  | {
      type: 'pool.create';
      clusterId: string;
      parentId?: string;
      name: string;
      cpu?: PoolAllocSpec;
      mem?: PoolAllocSpec;
      vapp?: boolean;
    }
  /** Change a pool's name, allocation (only the given fields) or a vApp's start order. */
  | {
      type: 'pool.configure';
      poolId: string;
      name?: string;
      cpu?: PoolAllocSpec;
      mem?: PoolAllocSpec;
      startOrder?: { vmId: string; delaySec: number }[];
    }
  /** Delete a pool: its VMs and child pools move to its parent. */
  | { type: 'pool.delete'; poolId: string }
  /** Move a VM into a pool of its cluster, or to the root (poolId = the cluster's id). */
  | { type: 'pool.moveVm'; vmId: string; poolId: string }
  /** Power a vApp on (its VMs in start order, with their delays) or off (all, in reverse order). */
  | { type: 'pool.power'; poolId: string; action: 'on' | 'off' }
  /** Move a pool (with its VMs and child pools) under another pool of its cluster, or the root (parentId = the cluster's id). */
  | { type: 'pool.move'; poolId: string; parentId: string }
  /** A host's NUMA nodes and threads per core (null = the flat CPU model); the host must run no VM. */
  | { type: 'host.topology'; hostId: string; topology: HostTopologySpec | null }
  /** A powered-off VM's virtualization layers: nested hypervisor, passthrough devices (empty = none). */
  | { type: 'vm.layers'; vmId: string; nested?: boolean; passthrough?: string[] }
  /** Storage I/O Control of a datastore: on/off and congestion threshold (ms, default 30). */
  | { type: 'datastore.sioc'; datastoreId: string; enabled: boolean; thresholdMs?: number }
  /** IOPS shares and limit of one disk of a VM (`iopsLimit: null` removes the limit). */
  | { type: 'vm.disk.io'; vmId: string; index: number; iopsShares?: SharesSpec; iopsLimit?: number | null }
  /** The managed runtime of a VM's workload (null = none); the rest of the workload is kept. */
  | { type: 'vm.runtime'; vmId: string; runtime: RuntimeSpec | null };

/**
 * A rule as the user states it: VM–VM rules list their VMs (`vmIds`); VM–host rules name a VM group and a
 * host group (or list `vmIds` and `hostIds` directly).
 */
export interface RuleInput {
  id?: string;
  name: string;
  kind: AffinityRuleKind;
  mandatory: boolean;
  enabled?: boolean;
  vmIds?: string[];
  hostIds?: string[];
  vmGroupId?: string;
  hostGroupId?: string;
}

export interface GroupInput {
  id?: string;
  name: string;
  kind: 'vm' | 'host';
  memberIds: string[];
}

export type CommandType = Command['type'];

export const COMMAND_TYPES: readonly CommandType[] = [
  'vm.create',
  'vm.clone',
  'vm.delete',
  'vm.power',
  'vm.resize',
  'vm.configure',
  'vm.migrate',
  'container.create',
  'container.delete',
  'container.restart',
  'service.create',
  'service.scale',
  'service.delete',
  'host.add',
  'host.remove',
  'host.maintenance',
  'host.standby',
  'host.fail',
  'host.repair',
  'cluster.configure',
  'drs.apply',
  'task.cancel',
  'cluster.rule.put',
  'cluster.rule.delete',
  'cluster.group.put',
  'cluster.group.delete',
  'vm.snapshot.create',
  'vm.snapshot.revert',
  'vm.snapshot.delete',
  'vm.snapshot.deleteAll',
  'vm.consolidate',
  'vm.template',
  'object.annotate',
  'host.power',
  'host.connection',
  'pool.create',
  'pool.configure',
  'pool.delete',
  'pool.moveVm',
  'pool.power',
  'pool.move',
  'host.topology',
  'vm.layers',
  'datastore.sioc',
  'vm.disk.io',
  'vm.runtime',
];

/**
 * Zod schema of engine commands: a discriminated union on `type`. Mirrors
 * src/main/engine/model/commands.ts exactly (src/main/service/schema-compat.test.ts checks both
 * directions at compile time). Imports only zod and other shared files.
 */
import { z } from 'zod';
import {
  AutoscaleSchema,
  ClusterSettingsPatchSchema,
  CpuAllocSchema,
  HaRestartPrioritySchema,
  HostTopologySchema,
  MemAllocSchema,
  PoolAllocSchema,
  PowerModelSchema,
  ReplicaTemplateSchema,
  RestartPolicySchema,
  VappStartEntrySchema,
  SharesSchema,
  WorkloadSchema,
} from './scenario';

const Id = z.string().min(1).max(200);
const Name = z.string().min(1).max(80);

export const NewVmSpecSchema = z.object({
  name: Name,
  vcpus: z.number().int().min(1).max(768),
  memMiB: z
    .number()
    .int()
    .min(4)
    .max(24 * 1024 * 1024),
  disks: z
    .array(
      z.object({
        sizeGiB: z.number().int().min(1).max(65536),
        thin: z.boolean(),
        datastoreId: Id.optional(),
      }),
    )
    .max(60),
  networkId: Id.optional(),
  cpu: CpuAllocSchema.optional(),
  mem: MemAllocSchema.optional(),
  guestOS: z.string().max(200).optional(),
  tags: z.array(z.string().max(80)).max(100).optional(),
  haRestartPriority: HaRestartPrioritySchema.optional(),
  hotAddCpu: z.boolean().optional(),
  hotAddMem: z.boolean().optional(),
  containerHost: z.boolean().optional(),
  workload: WorkloadSchema,
});

export const NewContainerSpecSchema = z.object({
  name: Name,
  cpuRequestMilli: z.number().int().min(1).max(1_000_000),
  cpuLimitMilli: z.number().int().min(1).max(1_000_000).nullable().optional(),
  memRequestMiB: z
    .number()
    .int()
    .min(1)
    .max(24 * 1024 * 1024),
  memLimitMiB: z
    .number()
    .int()
    .min(1)
    .max(24 * 1024 * 1024)
    .nullable()
    .optional(),
  imageMiB: z.number().int().min(0).max(1_000_000),
  restartPolicy: RestartPolicySchema.optional(),
  workload: WorkloadSchema,
});

export const NewHostSpecSchema = z.object({
  name: Name,
  sockets: z.number().int().min(1).max(16),
  coresPerSocket: z.number().int().min(1).max(256),
  coreMHz: z.number().int().min(100).max(10_000),
  memMiB: z
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024),
  nicMbps: z.number().int().min(100).max(800_000),
  cpuModel: z.string().min(1).max(80),
  cpuVendor: z.enum(['intel', 'amd']),
  cpuGeneration: z.number().int().min(0).max(100),
  power: PowerModelSchema,
  topology: HostTopologySchema.optional(),
});

export const CommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('vm.create'),
    spec: NewVmSpecSchema,
    clusterId: Id.optional(),
    hostId: Id.optional(),
    powerOn: z.boolean().optional(),
    poolId: Id.optional(),
  }),
  z.object({
    type: z.literal('vm.clone'),
    vmId: Id,
    name: Name,
    hostId: Id.optional(),
    powerOn: z.boolean().optional(),
    clusterId: Id.optional(),
    datastoreId: Id.optional(),
    vcpus: z.number().int().min(1).max(768).optional(),
    memMiB: z
      .number()
      .int()
      .min(4)
      .max(24 * 1024 * 1024)
      .optional(),
    poolId: Id.optional(),
  }),
  z.object({ type: z.literal('vm.delete'), vmId: Id }),
  z.object({
    type: z.literal('vm.power'),
    vmId: Id,
    action: z.enum(['on', 'off', 'shutdown', 'reset', 'suspend']),
  }),
  z.object({
    type: z.literal('vm.resize'),
    vmId: Id,
    vcpus: z.number().int().min(1).max(768).optional(),
    memMiB: z
      .number()
      .int()
      .min(4)
      .max(24 * 1024 * 1024)
      .optional(),
    disk: z
      .object({ index: z.number().int().min(0).max(59), sizeGiB: z.number().int().min(1).max(65536) })
      .optional(),
  }),
  z.object({
    type: z.literal('vm.configure'),
    vmId: Id,
    cpu: CpuAllocSchema.optional(),
    mem: MemAllocSchema.optional(),
    workload: WorkloadSchema.optional(),
    tags: z.array(z.string().max(80)).max(100).optional(),
    name: Name.optional(),
    haRestartPriority: HaRestartPrioritySchema.optional(),
  }),
  z.object({ type: z.literal('vm.migrate'), vmId: Id, hostId: Id.optional(), datastoreId: Id.optional() }),
  z.object({
    type: z.literal('container.create'),
    spec: NewContainerSpecSchema,
    hostId: Id.optional(),
    vmId: Id.optional(),
    clusterId: Id.optional(),
  }),
  z.object({ type: z.literal('container.delete'), containerId: Id }),
  z.object({ type: z.literal('container.restart'), containerId: Id }),
  z.object({
    type: z.literal('service.create'),
    name: Name,
    clusterId: Id,
    replicas: z.number().int().min(0).max(1000),
    antiAffinity: z.boolean(),
    template: ReplicaTemplateSchema,
    autoscale: AutoscaleSchema.optional(),
  }),
  z.object({ type: z.literal('service.scale'), serviceId: Id, replicas: z.number().int().min(0).max(1000) }),
  z.object({ type: z.literal('service.delete'), serviceId: Id }),
  z.object({ type: z.literal('host.add'), clusterId: Id, spec: NewHostSpecSchema }),
  z.object({ type: z.literal('host.remove'), hostId: Id }),
  z.object({ type: z.literal('host.maintenance'), hostId: Id, enter: z.boolean() }),
  z.object({ type: z.literal('host.standby'), hostId: Id, enter: z.boolean() }),
  z.object({ type: z.literal('host.fail'), hostId: Id }),
  z.object({ type: z.literal('host.repair'), hostId: Id }),
  z.object({ type: z.literal('cluster.configure'), clusterId: Id, settings: ClusterSettingsPatchSchema }),
  z.object({ type: z.literal('drs.apply'), clusterId: Id, vmId: Id.optional() }),
  z.object({ type: z.literal('task.cancel'), taskId: Id }),
  z.object({
    type: z.literal('cluster.rule.put'),
    clusterId: Id,
    rule: z.object({
      id: Id.optional(),
      name: Name,
      kind: z.enum(['keepTogether', 'separate', 'runOnHosts', 'avoidHosts']),
      mandatory: z.boolean(),
      enabled: z.boolean().optional(),
      vmIds: z.array(Id).max(10_000).optional(),
      hostIds: z.array(Id).max(10_000).optional(),
      vmGroupId: Id.optional(),
      hostGroupId: Id.optional(),
    }),
  }),
  z.object({ type: z.literal('cluster.rule.delete'), clusterId: Id, ruleId: Id }),
  z.object({
    type: z.literal('cluster.group.put'),
    clusterId: Id,
    group: z.object({
      id: Id.optional(),
      name: Name,
      kind: z.enum(['vm', 'host']),
      memberIds: z.array(Id).max(10_000),
    }),
  }),
  z.object({ type: z.literal('cluster.group.delete'), clusterId: Id, groupId: Id }),
  // VM lifecycle
  z.object({
    type: z.literal('vm.snapshot.create'),
    vmId: Id,
    name: Name,
    description: z.string().max(500).optional(),
    memory: z.boolean().optional(),
  }),
  z.object({ type: z.literal('vm.snapshot.revert'), vmId: Id, snapshotId: Id }),
  z.object({ type: z.literal('vm.snapshot.delete'), vmId: Id, snapshotId: Id }),
  z.object({ type: z.literal('vm.snapshot.deleteAll'), vmId: Id }),
  z.object({ type: z.literal('vm.consolidate'), vmId: Id }),
  z.object({ type: z.literal('vm.template'), vmId: Id, template: z.boolean() }),
  z.object({
    type: z.literal('object.annotate'),
    objectId: Id,
    tags: z.array(z.string().min(1).max(80)).max(100).optional(),
    attributes: z
      .array(z.object({ key: z.string().min(1).max(40), value: z.string().max(200) }))
      .max(50)
      .optional(),
  }),
  z.object({ type: z.literal('host.power'), hostId: Id, action: z.enum(['reboot', 'shutdown']) }),
  z.object({ type: z.literal('host.connection'), hostId: Id, connect: z.boolean() }),
  // Resource pools and vApps
  z.object({
    type: z.literal('pool.create'),
    clusterId: Id,
    parentId: Id.optional(),
    name: Name,
    cpu: PoolAllocSchema.optional(),
    mem: PoolAllocSchema.optional(),
    vapp: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('pool.configure'),
    poolId: Id,
    name: Name.optional(),
    cpu: PoolAllocSchema.optional(),
    mem: PoolAllocSchema.optional(),
    startOrder: z.array(VappStartEntrySchema).max(1000).optional(),
  }),
  z.object({ type: z.literal('pool.delete'), poolId: Id }),
  z.object({ type: z.literal('pool.moveVm'), vmId: Id, poolId: Id }),
  z.object({ type: z.literal('pool.power'), poolId: Id, action: z.enum(['on', 'off']) }),
  z.object({ type: z.literal('pool.move'), poolId: Id, parentId: Id }),
  z.object({ type: z.literal('host.topology'), hostId: Id, topology: HostTopologySchema.nullable() }),
  z.object({
    type: z.literal('vm.layers'),
    vmId: Id,
    nested: z.boolean().optional(),
    passthrough: z.array(z.string().min(1).max(80)).max(16).optional(),
  }),
  z.object({
    type: z.literal('datastore.sioc'),
    datastoreId: Id,
    enabled: z.boolean(),
    thresholdMs: z.number().finite().min(5).max(100).optional(),
  }),
  z.object({
    type: z.literal('vm.disk.io'),
    vmId: Id,
    index: z.number().int().min(0).max(59),
    iopsShares: SharesSchema.optional(),
    iopsLimit: z.number().int().min(1).max(10_000_000).nullable().optional(),
  }),
  z.object({
    type: z.literal('vm.runtime'),
    vmId: Id,
    runtime: z
      .object({
        kind: z.enum(['jvm', 'clr', 'wasm']),
        heapMiB: z
          .number()
          .int()
          .min(16)
          .max(24 * 1024 * 1024),
      })
      .nullable(),
  }),
]);

export type CommandInput = z.infer<typeof CommandSchema>;

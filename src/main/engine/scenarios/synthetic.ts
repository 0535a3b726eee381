/**
 * A synthetic datacenter of any size, for benchmarks and scale tests: clusters of 16 hosts, VMs
 * spread evenly with a size mix and mixed patterns, containers inside container-host VMs (one node
 * VM per 40 containers) or directly on hosts.
 */
import type {
  ContainerSpec,
  DatastoreSpec,
  HostSpec,
  Scenario,
  VmSpec,
  WorkloadSpec,
} from '../model/scenario';
import { Prng } from '../prng';
import { HOST_MODELS, host, workload } from './helpers';

export interface SyntheticSize {
  hosts: number;
  vms: number;
  containers: number;
  seed?: number;
}

const PATTERNS: WorkloadSpec[] = [
  workload('diurnal', 5, 50, 30, { memPeakPct: 50 }),
  workload('weekly', 5, 60, 40, { memPeakPct: 60 }),
  workload('constant', 20, 20, 40),
  workload('bursty', 3, 90, 20, { memPeakPct: 60 }),
  workload('randomWalk', 5, 60, 30),
];

export function syntheticScenario(size: SyntheticSize): Scenario {
  const r = new Prng(size.seed ?? 99);
  const hosts: HostSpec[] = [];
  const datastores: DatastoreSpec[] = [];
  const clusters = [];
  const nClusters = Math.max(1, Math.ceil(size.hosts / 16));
  for (let c = 0; c < nClusters; c++) {
    clusters.push({ id: `cl-${c}`, name: `cluster-${c}`, datacenterId: 'dc-0' });
    datastores.push({
      id: `ds-${c}`,
      name: `ds-${c}`,
      clusterId: `cl-${c}`,
      capacityGiB: 1_000_000,
      maxIops: 1_000_000,
    });
  }
  for (let h = 0; h < size.hosts; h++)
    hosts.push(host(`host-${h}`, `esx-${h}`, `cl-${Math.floor(h / 16)}`, HOST_MODELS.enterprise));
  const nodes = size.containers > 0 ? Math.max(1, Math.ceil(size.containers / 40)) : 0;
  const vms: VmSpec[] = [];
  for (let i = 0; i < size.vms; i++) {
    const hostIdx = i % size.hosts;
    const node = i < nodes;
    const vcpus = node ? 16 : r.pick([1, 2, 2, 4, 4, 8]);
    const memGiB = node ? 32 : vcpus * r.pick([2, 4]);
    vms.push({
      id: `vm-${i}`,
      name: `vm-${i}`,
      hostId: `host-${hostIdx}`,
      vcpus,
      memMiB: memGiB * 1024,
      disks: [{ datastoreId: `ds-${Math.floor(hostIdx / 16)}`, sizeGiB: 50, thin: true, usedGiB: 20 }],
      containerHost: node,
      workload: node ? workload('constant', 2, 2, 5) : PATTERNS[i % PATTERNS.length]!,
    });
  }
  const containers: ContainerSpec[] = [];
  for (let k = 0; k < size.containers; k++) {
    const inVm = nodes > 0 && k % 5 !== 0;
    containers.push({
      id: `ctr-${k}`,
      name: `ctr-${k}`,
      ...(inVm ? { vmId: `vm-${k % nodes}` } : { hostId: `host-${k % size.hosts}` }),
      cpuRequestMilli: 250,
      cpuLimitMilli: 1000,
      memRequestMiB: 256,
      memLimitMiB: 512,
      imageMiB: 100,
      workload: PATTERNS[k % PATTERNS.length]!,
    });
  }
  return {
    version: 1,
    name: `Synthetic ${size.hosts} hosts / ${size.vms} VMs / ${size.containers} containers`,
    seed: size.seed ?? 99,
    datacenters: [{ id: 'dc-0', name: 'Synthetic' }],
    clusters,
    hosts,
    datastores,
    networks: [],
    vms,
    containers,
    services: [],
    traces: [],
  };
}

/**
 * A tiny scenario for the storyline and lab tests (not shipped): one cluster of three 16-core hosts,
 * one shared datastore and six constant-load VMs, two per host.
 */
import type { Scenario } from '../model/scenario';
import { HOST_MODELS, host, vm, workload } from '../scenarios/helpers';

export function tinyScenario(): Scenario {
  const hosts = ['host-a1', 'host-a2', 'host-a3'];
  return {
    version: 1,
    name: 'Tiny test cluster',
    seed: 7,
    tickSeconds: 20,
    datacenters: [{ id: 'dc-1', name: 'DC 1' }],
    clusters: [
      {
        id: 'cluster-a',
        name: 'Cluster A',
        datacenterId: 'dc-1',
        settings: { drs: { enabled: false, automation: 'manual', threshold: 3 } },
      },
    ],
    hosts: hosts.map((id, i) => host(id, `esx-a${i + 1}`, 'cluster-a', HOST_MODELS.lab)),
    datastores: [{ id: 'ds-a', name: 'ds-a', clusterId: 'cluster-a', capacityGiB: 4000, maxIops: 20000 }],
    networks: [{ id: 'net-a', name: 'VM Network', datacenterId: 'dc-1', clusterIds: [] }],
    vms: [0, 1, 2, 3, 4, 5].map((i) =>
      vm(`vm-t${i + 1}`, `t${i + 1}`, hosts[i % 3]!, 2, 4, 40, 'ds-a', workload('constant', 20, 20, 30), {
        networkId: 'net-a',
      }),
    ),
    containers: [],
    services: [],
    traces: [],
  };
}

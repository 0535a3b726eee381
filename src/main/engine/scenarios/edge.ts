/**
 * "edge": a core site plus 12 small sites around the world (two 8-core hosts each on 1 GbE, a small
 * shared datastore), running point-of-sale, camera recording, a local database and a k3s node with
 * a few containers. Sites follow their local business hours (phase shift by time zone).
 */
import type { ContainerSpec, DatastoreSpec, HostSpec, Scenario, VmSpec } from '../model/scenario';
import { HOST_MODELS, host, vm, workload } from './helpers';

const SITES: [string, string, number][] = [
  ['ber', 'Berlin', 1],
  ['lon', 'London', 0],
  ['nyc', 'New York', -5],
  ['chi', 'Chicago', -6],
  ['sfo', 'San Francisco', -8],
  ['sao', 'São Paulo', -3],
  ['dxb', 'Dubai', 4],
  ['bom', 'Mumbai', 5.5],
  ['sin', 'Singapore', 8],
  ['tyo', 'Tokyo', 9],
  ['syd', 'Sydney', 11],
  ['jnb', 'Johannesburg', 2],
];

export function edge(): Scenario {
  const hosts: HostSpec[] = [];
  const datastores: DatastoreSpec[] = [];
  const vms: VmSpec[] = [];
  const containers: ContainerSpec[] = [];
  const datacenters = [{ id: 'dc-core', name: 'Core', location: 'Amsterdam' }];
  const clusters = [{ id: 'cl-core', name: 'Core', datacenterId: 'dc-core' }];
  for (let i = 1; i <= 4; i++)
    hosts.push(host(`host-core-${i}`, `core-esx-${i}`, 'cl-core', HOST_MODELS.lab));
  datastores.push({
    id: 'ds-core',
    name: 'core-vmfs',
    clusterId: 'cl-core',
    capacityGiB: 20 * 1024,
    maxIops: 40_000,
  });
  for (let i = 1; i <= 8; i++) {
    vms.push(
      vm(
        `vm-core-app-${i}`,
        `core-app-${i}`,
        `host-core-${((i - 1) % 4) + 1}`,
        4,
        16,
        100,
        'ds-core',
        workload('diurnal', 5, 45, 40, { phaseHours: 1 }),
        { networkId: 'net-core' },
      ),
    );
  }
  for (const [code, city, tz] of SITES) {
    const dc = `dc-${code}`;
    const cl = `cl-${code}`;
    datacenters.push({ id: dc, name: city, location: `UTC${tz >= 0 ? '+' : ''}${tz}` });
    clusters.push({ id: cl, name: `${city} edge`, datacenterId: dc });
    const h1 = `host-${code}-1`;
    const h2 = `host-${code}-2`;
    hosts.push(
      host(h1, `${code}-esx-1`, cl, HOST_MODELS.edge),
      host(h2, `${code}-esx-2`, cl, HOST_MODELS.edge),
    );
    const ds = `ds-${code}`;
    datastores.push({
      id: ds,
      name: `${code}-vsan`,
      clusterId: cl,
      capacityGiB: 3 * 1024,
      maxIops: 15_000,
      baseLatencyMs: 0.6,
      copyMiBps: 100,
    });
    const net = `net-${code}`;
    const phase = { phaseHours: tz };
    vms.push(
      vm(
        `vm-${code}-pos-1`,
        `${code}-pos-1`,
        h1,
        2,
        4,
        40,
        ds,
        workload('weekly', 2, 45, 30, { ...phase, netPeakMbps: 20 }),
        { networkId: net, tags: ['app:pos'] },
      ),
      vm(
        `vm-${code}-pos-2`,
        `${code}-pos-2`,
        h2,
        2,
        4,
        40,
        ds,
        workload('weekly', 2, 45, 30, { ...phase, netPeakMbps: 20 }),
        { networkId: net, tags: ['app:pos'] },
      ),
      vm(
        `vm-${code}-nvr`,
        `${code}-nvr`,
        h1,
        4,
        8,
        1500,
        ds,
        workload('constant', 30, 30, 40, { ...phase, iopsPeak: 900, newDataPct: 100, netPeakMbps: 200 }),
        { networkId: net, tags: ['app:video'] },
      ),
      vm(
        `vm-${code}-db`,
        `${code}-db`,
        h2,
        4,
        16,
        200,
        ds,
        workload('weekly', 5, 50, 50, { ...phase, memCachePct: 90, iopsPeak: 1200 }),
        { networkId: net, mem: { reservationMiB: 8192 } },
      ),
      vm(`vm-${code}-k3s`, `${code}-k3s`, h1, 4, 12, 80, ds, workload('constant', 2, 2, 8), {
        networkId: net,
        containerHost: true,
      }),
      vm(
        `vm-${code}-gw`,
        `${code}-gw`,
        h2,
        1,
        2,
        20,
        ds,
        workload('diurnal', 3, 25, 30, { ...phase, netPeakMbps: 300 }),
        { networkId: net, tags: ['app:gateway'] },
      ),
    );
    const apps: [string, number, number][] = [
      ['inventory-sync', 250, 256],
      ['price-cache', 200, 512],
      ['telemetry', 100, 128],
      ['loyalty-api', 300, 256],
      ['label-printer', 100, 128],
    ];
    apps.forEach(([app, milli, mib], k) => {
      containers.push({
        id: `ctr-${code}-${app}`,
        name: `${code}-${app}`,
        vmId: `vm-${code}-k3s`,
        cpuRequestMilli: milli,
        cpuLimitMilli: milli * 3,
        memRequestMiB: mib,
        memLimitMiB: mib * 2,
        imageMiB: 80 + k * 30,
        workload: workload('weekly', 5, 60, 50, { ...phase, memPeakPct: 75 }),
      });
    });
  }
  return {
    version: 1,
    name: 'Edge sites',
    description:
      'A core site and 12 edge sites around the world: two small hosts each, point-of-sale, video recording, a local database and a k3s node, on local business hours.',
    seed: 11,
    tickSeconds: 20,
    startDate: '2026-01-05T00:00:00Z',
    datacenters,
    clusters,
    hosts,
    datastores,
    networks: [
      { id: 'net-core', name: 'Core', datacenterId: 'dc-core', clusterIds: [] },
      ...SITES.map(([code, city]) => ({
        id: `net-${code}`,
        name: `${city} LAN`,
        datacenterId: `dc-${code}`,
        clusterIds: [],
      })),
    ],
    vms,
    containers,
    services: [],
    traces: [],
  };
}

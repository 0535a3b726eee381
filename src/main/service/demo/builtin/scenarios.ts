/**
 * Small scenarios built for the demos and labs (plain Scenario JSON). Each is sized so the effect the
 * show or exercise is about is visible within minutes of simulated time; the numbers are worked out in
 * the comments so a reader can check them.
 */
import type { ClusterSettings, HostSpec, Scenario, VmSpec, WorkloadSpec } from '../../../engine';

/** 1 × 16 cores at 2400 MHz (38,400 MHz), 128 GiB, idle 110 W, max 320 W. */
function host(id: string, name: string, clusterId: string, extra: Partial<HostSpec> = {}): HostSpec {
  return {
    id,
    name,
    clusterId,
    sockets: 1,
    coresPerSocket: 16,
    coreMHz: 2400,
    memMiB: 128 * 1024,
    nicMbps: 10_000,
    cpuModel: 'Intel Xeon Silver 4314 (Ice Lake)',
    cpuVendor: 'intel',
    cpuGeneration: 10,
    power: { idleW: 110, maxW: 320 },
    ...extra,
  };
}

export function constant(cpuPct: number, memActivePct = 30): WorkloadSpec {
  return { pattern: 'constant', cpuBasePct: cpuPct, cpuPeakPct: cpuPct, memActivePct, noisePct: 2 };
}

function vm(
  id: string,
  hostId: string,
  vcpus: number,
  memGiB: number,
  wl: WorkloadSpec,
  extra: Partial<VmSpec> = {},
): VmSpec {
  return {
    id,
    name: id.replace(/^vm-/, ''),
    hostId,
    vcpus,
    memMiB: memGiB * 1024,
    disks: [{ datastoreId: 'ds-shared', sizeGiB: 40, thin: true, usedGiB: 12 }],
    networkId: 'net-vm',
    guestOS: 'Ubuntu Linux (64-bit)',
    workload: wl,
    ...extra,
  };
}

function base(
  name: string,
  description: string,
  clusters: { id: string; name: string; settings?: Partial<ClusterSettings> }[],
  extra: Partial<Scenario> = {},
): Scenario {
  return {
    version: 1,
    name,
    description,
    seed: 42,
    tickSeconds: 20,
    datacenters: [{ id: 'dc-demo', name: 'Demo DC' }],
    clusters: clusters.map((c) => ({ ...c, datacenterId: 'dc-demo' })),
    hosts: [],
    datastores: clusters.map((c, i) => ({
      id: i === 0 ? 'ds-shared' : `ds-shared-${i + 1}`,
      name: i === 0 ? 'shared-ds' : `shared-ds-${i + 1}`,
      clusterId: c.id,
      capacityGiB: 8192,
      maxIops: 40_000,
    })),
    networks: [{ id: 'net-vm', name: 'VM Network', datacenterId: 'dc-demo', clusterIds: [] }],
    vms: [],
    containers: [],
    services: [],
    traces: [],
    ...extra,
  };
}

const manualDrs = { enabled: false, automation: 'manual', threshold: 3 } as const;
const ha = (
  enabled: boolean,
  admission: ClusterSettings['ha']['admission'] = 'percentage',
): ClusterSettings['ha'] => ({
  enabled,
  admission,
  cpuReservePct: 25,
  memReservePct: 25,
  failoverHostIds: [],
  restartDelaySec: 30,
});

/**
 * Black Friday: six hosts, two in standby (DPM on, DRS fully automated). 24 web VMs of 4 vCPUs at
 * 15 % run 6 per host: 6 × 4 × 2400 × 0.15 = 8,640 of 38,400 MHz (22 %). A ×5 spike takes them to
 * 75 %: 43,200 MHz per host, more than a host has, so DRS and DPM have work to do.
 */
export function blackFridayScenario(): Scenario {
  const s = base(
    'Web shop (Black Friday)',
    'A web shop on four running hosts and two in standby, DRS and DPM automated.',
    [
      {
        id: 'cluster-shop',
        name: 'Shop',
        settings: {
          drs: { enabled: true, automation: 'full', threshold: 3 },
          dpm: { enabled: true },
          ha: ha(true),
        },
      },
    ],
  );
  s.hosts = [1, 2, 3, 4, 5, 6].map((i) =>
    host(`host-shop-0${i}`, `esx-shop-0${i}`, 'cluster-shop', i > 4 ? { state: 'standby' } : {}),
  );
  for (let i = 0; i < 24; i++)
    s.vms.push(
      vm(`vm-web-${String(i + 1).padStart(2, '0')}`, `host-shop-0${(i % 4) + 1}`, 4, 8, constant(15), {
        tags: ['tier:web'],
      }),
    );
  for (let i = 0; i < 2; i++)
    s.vms.push(vm(`vm-db-0${i + 1}`, `host-shop-0${i + 1}`, 8, 32, constant(20, 60), { tags: ['tier:db'] }));
  return s;
}

/**
 * Host failure: four hosts with HA (admission control: 25 % reserved), twelve 4-vCPU / 24 GiB VMs with
 * their memory fully reserved, three per host (72 of 125.7 usable GiB). After a failure each survivor
 * holds four (96 GiB reserved), so no host can take a new 100 GiB reservation.
 */
export function hostFailureScenario(): Scenario {
  const s = base(
    'HA cluster',
    'Four hosts protected by vSphere HA with 25 % of the cluster reserved for failover.',
    [
      {
        id: 'cluster-ha',
        name: 'Production',
        settings: { drs: { enabled: true, automation: 'full', threshold: 3 }, ha: ha(true) },
      },
    ],
  );
  s.hosts = [1, 2, 3, 4].map((i) => host(`host-ha-0${i}`, `esx-ha-0${i}`, 'cluster-ha'));
  for (let i = 0; i < 12; i++)
    s.vms.push(
      vm(`vm-app-${String(i + 1).padStart(2, '0')}`, `host-ha-0${(i % 4) + 1}`, 4, 24, constant(25, 40), {
        mem: { reservationMiB: 24 * 1024 },
      }),
    );
  return s;
}

/**
 * The consolidation night: six hosts, eighteen 2-vCPU VMs at 5 % (3 per host: 720 of 38,400 MHz).
 * Every host draws about idle power; half of them can carry the whole load.
 */
export function consolidationScenario(): Scenario {
  const s = base(
    'Night shift',
    'Six lightly loaded hosts at night: half of them could carry everything.',
    [{ id: 'cluster-night', name: 'Night', settings: { drs: manualDrs, ha: ha(true) } }],
    { startDate: '2026-01-05T22:00:00Z' },
  );
  s.hosts = [1, 2, 3, 4, 5, 6].map((i) => host(`host-night-0${i}`, `esx-night-0${i}`, 'cluster-night'));
  for (let i = 0; i < 18; i++)
    s.vms.push(
      vm(`vm-svc-${String(i + 1).padStart(2, '0')}`, `host-night-0${(i % 6) + 1}`, 2, 4, constant(5, 20)),
    );
  return s;
}

/** The same API service twice: 8 VM replicas (2 vCPU, 4 GiB) in one cluster, 8 container replicas (0.5 core, 512 MiB) on bare-metal hosts in another. */
export function containersVsVmsScenario(): Scenario {
  const wl = constant(20, 50);
  const s = base('Containers vs VMs', 'One service deployed as VMs and as containers side by side.', [
    { id: 'cluster-vms', name: 'VM farm', settings: { drs: manualDrs, ha: ha(true) } },
    { id: 'cluster-k8s', name: 'Kubernetes', settings: { drs: manualDrs, ha: ha(false, 'disabled') } },
  ]);
  s.hosts = [
    host('host-vm-01', 'esx-vm-01', 'cluster-vms'),
    host('host-vm-02', 'esx-vm-02', 'cluster-vms'),
    host('host-k8s-01', 'k8s-01', 'cluster-k8s'),
    host('host-k8s-02', 'k8s-02', 'cluster-k8s'),
  ];
  s.services = [
    {
      id: 'svc-api-vm',
      name: 'api-vm',
      clusterId: 'cluster-vms',
      replicas: 8,
      antiAffinity: false,
      template: {
        kind: 'vm',
        vcpus: 2,
        memMiB: 4096,
        diskGiB: 20,
        thin: true,
        networkId: 'net-vm',
        workload: wl,
      },
    },
    {
      id: 'svc-api-ctr',
      name: 'api-ctr',
      clusterId: 'cluster-k8s',
      replicas: 8,
      antiAffinity: false,
      template: {
        kind: 'container',
        cpuRequestMilli: 500,
        cpuLimitMilli: 1000,
        memRequestMiB: 512,
        memLimitMiB: 1024,
        imageMiB: 150,
        workload: wl,
      },
    },
  ];
  return s;
}

/** Lab scenarios ---------------------------------------------------------------------------------- */

/** Three hosts, six VMs; four web VMs are powered off. */
export function powerOnLabScenario(): Scenario {
  const s = base('Lab: web tier', 'Three hosts; the web tier is still powered off.', [
    { id: 'cluster-lab', name: 'Lab', settings: { drs: manualDrs, ha: ha(true) } },
  ]);
  s.hosts = [1, 2, 3].map((i) => host(`host-lab-0${i}`, `esx-lab-0${i}`, 'cluster-lab'));
  s.vms = [
    vm('vm-db-01', 'host-lab-01', 4, 16, constant(20, 50)),
    vm('vm-app-01', 'host-lab-02', 2, 8, constant(15)),
    ...[1, 2, 3, 4].map((i) =>
      vm(`vm-web-0${i}`, `host-lab-0${(i % 3) + 1}`, 2, 4, constant(10), { power: 'poweredOff' }),
    ),
  ];
  return s;
}

/**
 * A hot host: three 8-core hosts at 2500 MHz (20,000 MHz); all six 2-vCPU VMs at 80 % sit on the first:
 * 6 × 2 × 2500 × 0.8 = 24,000 MHz of demand, 120 % of the host. DRS is off. Two VMs per host would be 40 %.
 */
export function hotHostLabScenario(): Scenario {
  const s = base('Lab: hot host', 'Everything landed on one host; DRS is off.', [
    { id: 'cluster-lab', name: 'Lab', settings: { drs: manualDrs, ha: ha(true) } },
  ]);
  s.hosts = [1, 2, 3].map((i) =>
    host(`host-lab-0${i}`, `esx-lab-0${i}`, 'cluster-lab', {
      coresPerSocket: 8,
      coreMHz: 2500,
      memMiB: 64 * 1024,
    }),
  );
  s.vms = [1, 2, 3, 4, 5, 6].map((i) => vm(`vm-calc-0${i}`, 'host-lab-01', 2, 4, constant(80)));
  return s;
}

/** HA is off; three hosts with three small VMs each. */
export function haLabScenario(): Scenario {
  const s = base('Lab: no HA', 'A three-host cluster without vSphere HA.', [
    { id: 'cluster-lab', name: 'Lab', settings: { drs: manualDrs, ha: ha(false) } },
  ]);
  s.hosts = [1, 2, 3].map((i) => host(`host-lab-0${i}`, `esx-lab-0${i}`, 'cluster-lab'));
  for (let i = 0; i < 9; i++)
    s.vms.push(vm(`vm-app-0${i + 1}`, `host-lab-0${(i % 3) + 1}`, 2, 4, constant(15)));
  return s;
}

/**
 * Capacity: four 128 GiB hosts with no memory overcommit (allocation ratio 1:1 of the usable
 * 128 − 1 − 1.28 = 125.7 GiB). Per host: four 8 GiB apps and two idle 32 GiB "zombie" VMs = 96 GiB,
 * leaving room for seven 4 GiB VMs per host (28 in all) — not 40, unless the zombies go.
 */
export function capacityLabScenario(): Scenario {
  const s = base('Lab: capacity', 'Four hosts without memory overcommit, and some forgotten VMs.', [
    {
      id: 'cluster-lab',
      name: 'Lab',
      settings: { drs: manualDrs, ha: ha(true, 'disabled'), memAllocationRatio: 1 },
    },
  ]);
  s.hosts = [1, 2, 3, 4].map((i) => host(`host-lab-0${i}`, `esx-lab-0${i}`, 'cluster-lab'));
  for (let i = 0; i < 16; i++)
    s.vms.push(
      vm(`vm-app-${String(i + 1).padStart(2, '0')}`, `host-lab-0${(i % 4) + 1}`, 2, 8, constant(10)),
    );
  for (let i = 0; i < 8; i++)
    s.vms.push(
      vm(`vm-zombie-0${i + 1}`, `host-lab-0${(i % 4) + 1}`, 4, 32, constant(0, 5), {
        tags: ['owner:unknown', 'last-login:2019'],
      }),
    );
  return s;
}

/**
 * The pie paradox (issue 20): one host of 8 cores × 2500 MHz = 20,000 MHz. Production (shares high, 8,000)
 * holds eight 2-vCPU VMs, Test (normal, 4,000) two; every VM wants 100 % (5,000 MHz), 50,000 in all.
 * Pools divide by their shares: Production 20,000 × 8/12 = 13,333 MHz (1,667 per VM), Test 6,667 (3,333
 * per VM) — the "high" production VMs get half of what each test VM gets. Per-VM parity needs
 * Production's shares at 4 × Test's (eight VMs against two): 2,000 MHz each.
 */
export function pieParadoxLabScenario(): Scenario {
  const s = base('Lab: the pie paradox', 'Two resource pools on one busy host.', [
    { id: 'cluster-pie', name: 'Pie', settings: { drs: manualDrs, ha: ha(false) } },
  ]);
  s.hosts = [
    host('host-pie-01', 'esx-pie-01', 'cluster-pie', { coresPerSocket: 8, coreMHz: 2500, memMiB: 64 * 1024 }),
  ];
  s.resourcePools = [
    { id: 'pool-prod', name: 'Production', clusterId: 'cluster-pie', cpu: { shares: 'high' } },
    { id: 'pool-test', name: 'Test', clusterId: 'cluster-pie', cpu: { shares: 'normal' } },
  ];
  for (let i = 1; i <= 8; i++)
    s.vms.push(vm(`vm-prod-0${i}`, 'host-pie-01', 2, 4, constant(100), { poolId: 'pool-prod' }));
  for (let i = 1; i <= 2; i++)
    s.vms.push(vm(`vm-test-0${i}`, 'host-pie-01', 2, 4, constant(100), { poolId: 'pool-test' }));
  return s;
}

/**
 * "small-lab": one cluster of three 16-core hosts with about 30 guests — web, app and database tiers
 * on business-hours load, batch jobs with bursts, a small Kubernetes cluster of VMs running a
 * containerised service, and containers directly on a host. Busy enough that a host failure or
 * maintenance causes visible CPU ready and memory reclamation.
 */
import type { ContainerSpec, Scenario, VmSpec } from '../model/scenario';
import { HOST_MODELS, host, vm, workload } from './helpers';

const DS = 'ds-shared-01';

function vms(): VmSpec[] {
  const out: VmSpec[] = [];
  const hosts = ['host-esx-01', 'host-esx-02', 'host-esx-03'];
  const on = (i: number): string => hosts[i % 3]!;
  for (let i = 1; i <= 4; i++)
    out.push(
      vm(
        `vm-web-0${i}`,
        `web-0${i}`,
        on(i - 1),
        2,
        4,
        40,
        DS,
        workload('diurnal', 4, 55, 30, { memPeakPct: 45, iopsPeak: 150, netPeakMbps: 120 }),
        { networkId: 'net-dmz', tags: ['tier:web'] },
      ),
    );
  for (let i = 1; i <= 3; i++)
    out.push(
      vm(
        `vm-app-0${i}`,
        `app-0${i}`,
        on(i),
        4,
        8,
        60,
        DS,
        workload('diurnal', 8, 65, 35, { memPeakPct: 60, iopsPeak: 300, netPeakMbps: 80, dirtyPctPerSec: 3 }),
        { networkId: 'net-vm', tags: ['tier:app'], hotAddCpu: true, hotAddMem: true },
      ),
    );
  out.push(
    vm(
      'vm-db-01',
      'db-01',
      'host-esx-01',
      8,
      32,
      500,
      DS,
      workload('weekly', 12, 75, 55, {
        memPeakPct: 80,
        memCachePct: 90,
        iopsPeak: 3000,
        netPeakMbps: 150,
        dirtyPctPerSec: 3,
      }),
      {
        networkId: 'net-vm',
        tags: ['tier:db'],
        cpu: { shares: 'high', reservationMHz: 4800 },
        mem: { shares: 'high', reservationMiB: 16 * 1024 },
        disks: [{ datastoreId: DS, sizeGiB: 500, thin: false }],
      },
    ),
    vm(
      'vm-db-02',
      'db-02',
      'host-esx-02',
      8,
      32,
      500,
      DS,
      workload('weekly', 6, 40, 45, { memCachePct: 90, iopsPeak: 1200, netPeakMbps: 60 }),
      { networkId: 'net-vm', tags: ['tier:db', 'role:replica'] },
    ),
    vm(
      'vm-cache-01',
      'cache-01',
      'host-esx-03',
      2,
      16,
      20,
      DS,
      workload('constant', 15, 15, 85, { noisePct: 8, netPeakMbps: 200, dirtyPctPerSec: 6 }),
      { networkId: 'net-vm' },
    ),
    vm(
      'vm-batch-01',
      'batch-01',
      'host-esx-01',
      8,
      16,
      100,
      DS,
      workload('bursty', 3, 95, 20, {
        memPeakPct: 70,
        burstChancePctPerHour: 25,
        burstMinutes: 20,
        iopsPeak: 800,
        newDataPct: 5,
      }),
      { networkId: 'net-vm', tags: ['tier:batch'], cpu: { shares: 'low' } },
    ),
    vm(
      'vm-batch-02',
      'batch-02',
      'host-esx-02',
      4,
      12,
      100,
      DS,
      workload('randomWalk', 5, 90, 30, { memPeakPct: 60, iopsPeak: 400 }),
      { networkId: 'net-vm', tags: ['tier:batch'], cpu: { shares: 'low' } },
    ),
    vm(
      'vm-file-01',
      'file-01',
      'host-esx-01',
      2,
      8,
      600,
      'ds-local-esx-01',
      workload('diurnal', 2, 20, 25, { iopsPeak: 600, newDataPct: 10 }),
      { networkId: 'net-vm', guestOS: 'Microsoft Windows Server 2022 (64-bit)' },
    ),
    vm(
      'vm-mon-01',
      'mon-01',
      'host-esx-03',
      2,
      4,
      80,
      DS,
      workload('constant', 18, 18, 50, { iopsPeak: 250, netPeakMbps: 20 }),
      { networkId: 'net-vm' },
    ),
    vm('vm-ad-01', 'ad-01', 'host-esx-02', 2, 4, 60, DS, workload('diurnal', 2, 12, 40), {
      networkId: 'net-vm',
      guestOS: 'Microsoft Windows Server 2022 (64-bit)',
    }),
    vm(
      'vm-report-01',
      'report-01',
      'host-esx-03',
      4,
      8,
      80,
      DS,
      workload('trace', 2, 100, 30, { traceId: 'trace-report-day', memPeakPct: 60 }),
      { networkId: 'net-vm', tags: ['tier:batch'] },
    ),
    vm('vm-legacy-01', 'legacy-01', 'host-esx-03', 2, 8, 120, DS, workload('constant', 5, 5, 30), {
      power: 'poweredOff',
      guestOS: 'Microsoft Windows Server 2012 R2 (64-bit)',
    }),
  );
  for (let i = 1; i <= 4; i++)
    out.push(
      vm(`vm-dev-0${i}`, `dev-0${i}`, on(i + 1), 2, 4, 40, DS, workload('randomWalk', 1, 40, 25), {
        networkId: 'net-vm',
        tags: ['env:dev'],
        cpu: { shares: 'low' },
      }),
    );
  for (let i = 1; i <= 3; i++)
    out.push(
      vm(
        `vm-k8s-node-0${i}`,
        `k8s-node-0${i}`,
        hosts[i - 1]!,
        4,
        16,
        100,
        DS,
        workload('constant', 3, 3, 8),
        { networkId: 'net-vm', containerHost: true, tags: ['role:k8s-node'] },
      ),
    );
  return out;
}

function containers(): ContainerSpec[] {
  const front = workload('diurnal', 5, 70, 40, { memPeakPct: 70, netPeakMbps: 40, iopsPeak: 5 });
  const out: ContainerSpec[] = [];
  for (let i = 1; i <= 4; i++) {
    out.push({
      id: `ctr-shop-frontend-${i}`,
      name: `shop-frontend-${i}`,
      vmId: `vm-k8s-node-0${((i - 1) % 3) + 1}`,
      cpuRequestMilli: 500,
      cpuLimitMilli: 1500,
      memRequestMiB: 512,
      memLimitMiB: 1024,
      imageMiB: 180,
      workload: front,
      serviceId: 'svc-shop-frontend',
    });
  }
  out.push(
    {
      id: 'ctr-redis',
      name: 'redis',
      vmId: 'vm-k8s-node-02',
      cpuRequestMilli: 250,
      cpuLimitMilli: 1000,
      memRequestMiB: 1024,
      memLimitMiB: 2048,
      imageMiB: 40,
      workload: workload('constant', 10, 10, 60, { netPeakMbps: 30 }),
    },
    // A job whose bursts need more memory than its limit: OOM-killed, then restarted with back-off.
    {
      id: 'ctr-report-worker',
      name: 'report-worker',
      vmId: 'vm-k8s-node-03',
      cpuRequestMilli: 500,
      cpuLimitMilli: 2000,
      memRequestMiB: 256,
      memLimitMiB: 512,
      imageMiB: 250,
      workload: workload('bursty', 2, 90, 70, {
        memPeakPct: 104,
        burstChancePctPerHour: 3,
        burstMinutes: 10,
      }),
    },
    {
      id: 'ctr-edge-proxy',
      name: 'edge-proxy',
      hostId: 'host-esx-03',
      cpuRequestMilli: 1000,
      cpuLimitMilli: 2000,
      memRequestMiB: 512,
      memLimitMiB: 1024,
      imageMiB: 60,
      workload: workload('diurnal', 5, 45, 35, { netPeakMbps: 300 }),
    },
    {
      id: 'ctr-log-shipper',
      name: 'log-shipper',
      hostId: 'host-esx-03',
      cpuRequestMilli: 200,
      cpuLimitMilli: 500,
      memRequestMiB: 256,
      memLimitMiB: 512,
      imageMiB: 50,
      workload: workload('constant', 20, 20, 50, { netPeakMbps: 15 }),
    },
  );
  return out;
}

/** A one-day report job: idle at night, a long run at 02:00 and a peak during the morning. Hourly points. */
const REPORT_TRACE = [
  5, 5, 85, 95, 90, 40, 8, 10, 35, 60, 70, 55, 30, 20, 25, 40, 45, 30, 15, 10, 8, 6, 5, 5,
];

export function smallLab(): Scenario {
  return {
    version: 1,
    name: 'Small lab',
    description:
      'Three 16-core hosts, about 30 guests: web/app/db tiers, batch jobs, a small Kubernetes cluster with a containerised shop front-end.',
    seed: 42,
    tickSeconds: 20,
    startDate: '2026-01-05T06:00:00Z',
    datacenters: [{ id: 'dc-lab', name: 'Lab', location: 'Basement rack' }],
    clusters: [
      {
        id: 'cl-lab',
        name: 'Lab Cluster',
        datacenterId: 'dc-lab',
        settings: {
          ha: {
            enabled: true,
            admission: 'percentage',
            cpuReservePct: 33,
            memReservePct: 33,
            failoverHostIds: [],
            restartDelaySec: 30,
          },
        },
      },
    ],
    hosts: [
      host('host-esx-01', 'esx-01', 'cl-lab', HOST_MODELS.lab),
      host('host-esx-02', 'esx-02', 'cl-lab', HOST_MODELS.lab),
      host('host-esx-03', 'esx-03', 'cl-lab', HOST_MODELS.lab),
    ],
    datastores: [
      {
        id: DS,
        name: 'shared-01',
        clusterId: 'cl-lab',
        capacityGiB: 4096,
        maxIops: 20000,
        baseLatencyMs: 1,
        copyMiBps: 500,
      },
      {
        id: 'ds-local-esx-01',
        name: 'esx-01-local',
        hostId: 'host-esx-01',
        capacityGiB: 800,
        maxIops: 4000,
        baseLatencyMs: 0.5,
        copyMiBps: 300,
      },
    ],
    networks: [
      { id: 'net-vm', name: 'VM Network', datacenterId: 'dc-lab', vlanId: 10, clusterIds: [] },
      { id: 'net-dmz', name: 'DMZ', datacenterId: 'dc-lab', vlanId: 20, clusterIds: ['cl-lab'] },
    ],
    vms: vms(),
    containers: containers(),
    services: [
      {
        id: 'svc-shop-frontend',
        name: 'shop-frontend',
        clusterId: 'cl-lab',
        replicas: 4,
        antiAffinity: false,
        template: {
          kind: 'container',
          cpuRequestMilli: 500,
          cpuLimitMilli: 1500,
          memRequestMiB: 512,
          memLimitMiB: 1024,
          imageMiB: 180,
          workload: workload('diurnal', 5, 70, 40, { memPeakPct: 70, netPeakMbps: 40, iopsPeak: 5 }),
        },
        autoscale: { minReplicas: 2, maxReplicas: 8, targetCpuPct: 60 },
      },
    ],
    traces: [
      { id: 'trace-report-day', name: 'Report job (one day, hourly)', stepSec: 3600, cpuPct: REPORT_TRACE },
    ],
  };
}

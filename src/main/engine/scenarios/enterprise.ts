/**
 * "enterprise": one datacenter, 4 clusters × 16 hosts (64), about 1,500 VMs in a realistic mix of
 * sizes and business-hours loads, and about 2,000 containers in ~40 services on a platform cluster
 * of container-host VMs. Generated deterministically (fixed PRNG seed) as plain Scenario JSON.
 */
import type {
  ContainerSpec,
  DatastoreSpec,
  HostSpec,
  Scenario,
  ServiceSpec,
  VmSpec,
  WorkloadSpec,
} from '../model/scenario';
import { Prng } from '../prng';
import { HOST_MODELS, host, workload, type HostModel } from './helpers';

/** T-shirt sizes with their share of the estate (vCPU, GiB, share %). */
const SIZES: [number, number, number][] = [
  [1, 2, 12],
  [2, 4, 28],
  [2, 8, 20],
  [4, 16, 20],
  [8, 32, 12],
  [16, 64, 6],
  [32, 128, 2],
];

const ROLES: { name: string; wl: (r: Prng) => WorkloadSpec; diskGiB: number; os: string }[] = [
  {
    name: 'web',
    wl: (r) =>
      workload('diurnal', 3 + r.int(0, 5), 30 + r.int(0, 35), 25, {
        memPeakPct: 40,
        iopsPeak: 100 + r.int(0, 200),
        netPeakMbps: 50 + r.int(0, 150),
      }),
    diskGiB: 60,
    os: 'Ubuntu Linux (64-bit)',
  },
  {
    name: 'app',
    wl: (r) =>
      workload('diurnal', 5 + r.int(0, 8), 35 + r.int(0, 35), 35, {
        memPeakPct: 60,
        iopsPeak: 200 + r.int(0, 400),
        netPeakMbps: 40 + r.int(0, 80),
        dirtyPctPerSec: 2 + r.int(0, 3),
      }),
    diskGiB: 80,
    os: 'Red Hat Enterprise Linux 9 (64-bit)',
  },
  {
    name: 'db',
    wl: (r) =>
      workload('weekly', 8 + r.int(0, 10), 40 + r.int(0, 35), 55, {
        memPeakPct: 80,
        memCachePct: 90,
        iopsPeak: 1000 + r.int(0, 3000),
        netPeakMbps: 100,
        dirtyPctPerSec: 1 + r.int(0, 2),
      }),
    diskGiB: 400,
    os: 'Microsoft Windows Server 2022 (64-bit)',
  },
  {
    name: 'batch',
    wl: (r) =>
      workload('bursty', 2, 70 + r.int(0, 28), 20, {
        memPeakPct: 70,
        burstChancePctPerHour: 5 + r.int(0, 20),
        burstMinutes: 10 + r.int(0, 50),
        iopsPeak: 500,
        newDataPct: 3,
      }),
    diskGiB: 120,
    os: 'Ubuntu Linux (64-bit)',
  },
  {
    name: 'vdi',
    wl: (r) =>
      workload('weekly', 1, 20 + r.int(0, 30), 30, {
        memPeakPct: 65,
        iopsPeak: 40,
        netPeakMbps: 10,
        phaseHours: r.int(-1, 1),
      }),
    diskGiB: 60,
    os: 'Microsoft Windows 11 (64-bit)',
  },
  {
    name: 'infra',
    wl: (r) => workload('randomWalk', 2, 15 + r.int(0, 20), 40, { iopsPeak: 80, netPeakMbps: 20 }),
    diskGiB: 60,
    os: 'Ubuntu Linux (64-bit)',
  },
];

interface ClusterPlan {
  id: string;
  name: string;
  model: HostModel;
  vms: number;
  roles: number[];
}

const PLANS: ClusterPlan[] = [
  {
    id: 'cl-prod-a',
    name: 'Production A',
    model: HOST_MODELS.enterprise,
    vms: 470,
    roles: [0, 1, 1, 2, 3, 5],
  },
  {
    id: 'cl-prod-b',
    name: 'Production B',
    model: HOST_MODELS.enterpriseAmd,
    vms: 470,
    roles: [0, 1, 2, 2, 3, 5],
  },
  { id: 'cl-vdi', name: 'VDI & General', model: HOST_MODELS.enterprise, vms: 460, roles: [4, 4, 4, 4, 5, 0] },
  { id: 'cl-platform', name: 'Platform (Kubernetes)', model: HOST_MODELS.enterprise, vms: 70, roles: [1, 5] },
];

const NODES = 48;

export function enterprise(): Scenario {
  const r = new Prng(2026);
  const hosts: HostSpec[] = [];
  const datastores: DatastoreSpec[] = [];
  const vms: VmSpec[] = [];
  const memUse = new Map<string, number>();
  let vmN = 0;
  for (const plan of PLANS) {
    const hostIds: string[] = [];
    for (let i = 1; i <= 16; i++) {
      const id = `host-${plan.id.slice(3)}-${String(i).padStart(2, '0')}`;
      hosts.push(host(id, `${plan.id.slice(3)}-esx-${String(i).padStart(2, '0')}`, plan.id, plan.model));
      hostIds.push(id);
      memUse.set(id, 0);
    }
    const dsIds: string[] = [];
    for (let d = 1; d <= 4; d++) {
      const id = `ds-${plan.id.slice(3)}-${d}`;
      datastores.push({
        id,
        name: `${plan.id.slice(3)}-vmfs-${d}`,
        clusterId: plan.id,
        capacityGiB: 60 * 1024,
        maxIops: 80_000,
        baseLatencyMs: 0.8,
        copyMiBps: 800,
      });
      dsIds.push(id);
    }
    const place = (memGiB: number): string => {
      // Least-allocated memory first, ties by order: a balanced initial placement.
      let best = hostIds[0]!;
      for (const h of hostIds) if ((memUse.get(h) ?? 0) < (memUse.get(best) ?? 0)) best = h;
      memUse.set(best, (memUse.get(best) ?? 0) + memGiB);
      return best;
    };
    if (plan.id === 'cl-platform') {
      for (let n = 1; n <= NODES; n++) {
        const id = `vm-k8s-${String(n).padStart(2, '0')}`;
        vms.push({
          id,
          name: `k8s-worker-${String(n).padStart(2, '0')}`,
          hostId: place(64),
          vcpus: 16,
          memMiB: 64 * 1024,
          disks: [{ datastoreId: dsIds[n % 4]!, sizeGiB: 200, thin: true, usedGiB: 60 }],
          networkId: 'net-prod',
          guestOS: 'Ubuntu Linux (64-bit)',
          containerHost: true,
          tags: ['role:k8s-node'],
          workload: workload('constant', 2, 2, 6),
        });
      }
    }
    for (let k = 0; k < plan.vms - (plan.id === 'cl-platform' ? NODES : 0); k++) {
      vmN++;
      const role = ROLES[plan.roles[r.int(0, plan.roles.length - 1)]!]!;
      let pick = r.next() * 100;
      let size = SIZES[0]!;
      for (const s of SIZES) {
        if (pick < s[2]) {
          size = s;
          break;
        }
        pick -= s[2];
      }
      const [vcpus, memGiB] = role.name === 'vdi' ? [2, 8] : size;
      const id = `vm-${role.name}-${String(vmN).padStart(4, '0')}`;
      const big = vcpus >= 8;
      vms.push({
        id,
        name: `${role.name}-${String(vmN).padStart(4, '0')}`,
        hostId: place(memGiB),
        vcpus,
        memMiB: memGiB * 1024,
        disks: [
          {
            datastoreId: dsIds[r.int(0, 3)]!,
            sizeGiB: role.diskGiB * (big ? 2 : 1),
            thin: role.name !== 'db',
            usedGiB: Math.round(role.diskGiB * (0.3 + r.next() * 0.4)),
          },
        ],
        networkId: role.name === 'vdi' ? 'net-vdi' : 'net-prod',
        guestOS: role.os,
        tags: [`tier:${role.name}`],
        ...(role.name === 'db' && big
          ? {
              cpu: { shares: 'high' as const, reservationMHz: vcpus * 500 },
              mem: { shares: 'high' as const, reservationMiB: (memGiB * 1024) / 2 },
            }
          : {}),
        ...(role.name === 'batch' ? { cpu: { shares: 'low' as const } } : {}),
        ...(r.next() < 0.04 ? { power: 'poweredOff' as const } : {}),
        workload: role.wl(r),
      });
    }
  }
  const { services, containers } = platformServices(r);
  return {
    version: 1,
    name: 'Enterprise datacenter',
    description:
      '4 clusters × 16 hosts, about 1,500 VMs with a realistic size mix and business-hours loads, about 2,000 containers in 40 services on a Kubernetes platform cluster.',
    seed: 7,
    tickSeconds: 20,
    startDate: '2026-01-05T00:00:00Z',
    datacenters: [{ id: 'dc-main', name: 'Main Datacenter', location: 'Frankfurt' }],
    clusters: PLANS.map((p) => ({
      id: p.id,
      name: p.name,
      datacenterId: 'dc-main',
      ...(p.id === 'cl-vdi' ? { settings: { cpuAllocationRatio: 8 } } : {}),
    })),
    hosts,
    datastores,
    networks: [
      { id: 'net-prod', name: 'Production', datacenterId: 'dc-main', vlanId: 100, clusterIds: [] },
      { id: 'net-vdi', name: 'VDI', datacenterId: 'dc-main', vlanId: 200, clusterIds: ['cl-vdi'] },
    ],
    vms,
    containers,
    services,
    traces: [],
  };
}

function platformServices(r: Prng): { services: ServiceSpec[]; containers: ContainerSpec[] } {
  const services: ServiceSpec[] = [];
  const containers: ContainerSpec[] = [];
  const nodeLoad = new Array<number>(NODES).fill(0);
  const kinds = ['api', 'web', 'worker', 'cache', 'queue', 'auth', 'search', 'report'];
  for (let s = 1; s <= 40; s++) {
    const kind = kinds[s % kinds.length]!;
    const replicas = 20 + r.int(0, 60);
    const cpuRequestMilli = [100, 250, 250, 500, 1000][r.int(0, 4)]!;
    const memRequestMiB = [128, 256, 512, 512, 1024][r.int(0, 4)]!;
    const wl =
      kind === 'worker' || kind === 'report'
        ? workload('bursty', 5, 85, 50, {
            memPeakPct: 80,
            burstChancePctPerHour: 20,
            burstMinutes: 15,
            netPeakMbps: 5,
          })
        : workload('diurnal', 5, 40 + r.int(0, 40), 40, { memPeakPct: 70, netPeakMbps: 10 + r.int(0, 30) });
    const id = `svc-${kind}-${String(s).padStart(2, '0')}`;
    const name = `${kind}-${String(s).padStart(2, '0')}`;
    const tpl = {
      kind: 'container' as const,
      cpuRequestMilli,
      cpuLimitMilli: cpuRequestMilli * 2,
      memRequestMiB,
      memLimitMiB: memRequestMiB * 2,
      imageMiB: 100 + r.int(0, 400),
      workload: wl,
    };
    services.push({ id, name, clusterId: 'cl-platform', replicas, antiAffinity: false, template: tpl });
    for (let k = 1; k <= replicas; k++) {
      // Least-requested node first.
      let best = 0;
      for (let n = 1; n < NODES; n++) if (nodeLoad[n]! < nodeLoad[best]!) best = n;
      nodeLoad[best] = nodeLoad[best]! + cpuRequestMilli;
      containers.push({
        id: `ctr-${name}-${k}`,
        name: `${name}-${k}`,
        vmId: `vm-k8s-${String(best + 1).padStart(2, '0')}`,
        cpuRequestMilli,
        cpuLimitMilli: tpl.cpuLimitMilli,
        memRequestMiB,
        memLimitMiB: tpl.memLimitMiB,
        imageMiB: tpl.imageMiB,
        workload: wl,
        serviceId: id,
      });
    }
  }
  return { services, containers };
}

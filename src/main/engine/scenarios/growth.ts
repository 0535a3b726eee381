/**
 * "growth": a datacenter that runs out of capacity within half a year, built to measure the capacity
 * forecasts against the simulator's own future (`vdc capacity backtest`, docs/capacity.md).
 *  - Steady compound growth of demand (2–6 % per 30-day month) on business-hours workloads with weekly
 *    cycles (weekends at 15 %), per-tick noise and a few random-walk guests.
 *  - A step change: a new project's guests sit idle until day 7, then ramp up within 6 hours (a
 *    trace that loops after 1,000 days).
 *  - Two clusters whose CPU and memory cross their usable capacity (capacity less the HA reserve) at
 *    different times between about one and six months.
 */
import type { ClusterSpec, Scenario, VmSpec } from '../model/scenario';
import { HOST_MODELS, host, vm, workload } from './helpers';

const DAY = 86_400;
const PROJECT_START_DAY = 7;

function clusterVms(
  prefix: string,
  hostIds: string[],
  ds: string,
  o: { count: number; growth: number; vcpus: number; memGiB: number; cpuPeak: number; mem: number },
): VmSpec[] {
  const out: VmSpec[] = [];
  for (let i = 1; i <= o.count; i++) {
    const n = String(i).padStart(2, '0');
    const growth = o.growth * (0.6 + (0.8 * ((i * 7) % 10)) / 10);
    const wl =
      i % 10 === 0
        ? workload('randomWalk', 15, 25, o.mem, {
            memPeakPct: o.mem + 5,
            memCachePct: 0,
            growthPctPerMonth: growth,
            iopsPeak: 100,
            newDataPct: 0,
          })
        : workload('weekly', 8, o.cpuPeak, o.mem, {
            memPeakPct: o.mem + 10,
            memCachePct: 0,
            noisePct: 5,
            growthPctPerMonth: growth,
            iopsPeak: 150,
            newDataPct: 0,
          });
    out.push(
      vm(
        `vm-${prefix}-${n}`,
        `${prefix}-${n}`,
        hostIds[(i - 1) % hostIds.length]!,
        o.vcpus,
        o.memGiB,
        60,
        ds,
        wl,
        { networkId: 'net-growth' },
      ),
    );
  }
  return out;
}

export function growth(): Scenario {
  const ha = (pct: number): ClusterSpec['settings'] => ({
    ha: {
      enabled: true,
      admission: 'percentage',
      cpuReservePct: pct,
      memReservePct: pct,
      failoverHostIds: [],
      restartDelaySec: 30,
    },
  });
  const prodHosts = ['host-prod-01', 'host-prod-02', 'host-prod-03', 'host-prod-04'];
  const appHosts = ['host-apps-01', 'host-apps-02', 'host-apps-03'];
  const biHosts = ['host-bi-01', 'host-bi-02', 'host-bi-03'];
  const vms: VmSpec[] = [
    ...clusterVms('shop', prodHosts, 'ds-prod', {
      count: 20,
      growth: 10,
      vcpus: 4,
      memGiB: 16,
      cpuPeak: 36,
      mem: 55,
    }),
    ...clusterVms('bi', biHosts, 'ds-bi', {
      count: 12,
      growth: 8,
      vcpus: 8,
      memGiB: 24,
      cpuPeak: 25,
      mem: 50,
    }),
    ...clusterVms('erp', appHosts, 'ds-apps', {
      count: 15,
      growth: 9,
      vcpus: 4,
      memGiB: 24,
      cpuPeak: 32,
      mem: 40,
    }),
  ];
  // The new project: idle until PROJECT_START_DAY, then busy (trace "project-launch").
  for (let i = 1; i <= 6; i++) {
    vms.push(
      vm(
        `vm-proj-0${i}`,
        `proj-0${i}`,
        prodHosts[(i - 1) % prodHosts.length]!,
        4,
        12,
        60,
        'ds-prod',
        workload('trace', 2, 30, 5, {
          traceId: 'trace-project-launch',
          memCachePct: 0,
          noisePct: 8,
          growthPctPerMonth: 2,
          iopsPeak: 100,
          newDataPct: 0,
        }),
        { networkId: 'net-growth', tags: ['project:launch'] },
      ),
    );
  }
  return {
    version: 1,
    name: 'Steady growth',
    description:
      'Two clusters whose demand grows 2–6 % a month with weekly cycles and noise, and a new project that starts on day 7: CPU and memory run out within six months.',
    seed: 7,
    tickSeconds: 20,
    startDate: '2026-01-05T00:00:00Z',
    datacenters: [{ id: 'dc-growth', name: 'Growth DC' }],
    clusters: [
      { id: 'cl-prod', name: 'Production', datacenterId: 'dc-growth', settings: ha(25) },
      { id: 'cl-apps', name: 'Business apps', datacenterId: 'dc-growth', settings: ha(33) },
      { id: 'cl-bi', name: 'Analytics', datacenterId: 'dc-growth', settings: ha(33) },
    ],
    hosts: [
      ...prodHosts.map((id, i) => host(id, `prod-0${i + 1}`, 'cl-prod', HOST_MODELS.lab)),
      ...appHosts.map((id, i) => host(id, `apps-0${i + 1}`, 'cl-apps', HOST_MODELS.lab)),
      ...biHosts.map((id, i) => host(id, `bi-0${i + 1}`, 'cl-bi', HOST_MODELS.lab)),
    ],
    datastores: [
      {
        id: 'ds-prod',
        name: 'prod-vmfs',
        clusterId: 'cl-prod',
        capacityGiB: 8192,
        maxIops: 40_000,
        baseLatencyMs: 1,
        copyMiBps: 500,
      },
      {
        id: 'ds-bi',
        name: 'bi-vmfs',
        clusterId: 'cl-bi',
        capacityGiB: 4096,
        maxIops: 20_000,
        baseLatencyMs: 1,
        copyMiBps: 500,
      },
      {
        id: 'ds-apps',
        name: 'apps-vmfs',
        clusterId: 'cl-apps',
        capacityGiB: 4096,
        maxIops: 20_000,
        baseLatencyMs: 1,
        copyMiBps: 500,
      },
    ],
    networks: [
      { id: 'net-growth', name: 'VM Network', datacenterId: 'dc-growth', vlanId: 10, clusterIds: [] },
    ],
    vms,
    containers: [],
    services: [],
    traces: [
      {
        id: 'trace-project-launch',
        name: 'New project (idle, then live from day 7)',
        stepSec: DAY,
        timesSec: [0, PROJECT_START_DAY * DAY, PROJECT_START_DAY * DAY + 6 * 3600, 1000 * DAY],
        cpuPct: [0, 0, 100, 100],
        memPct: [5, 5, 70, 70],
      },
    ],
  };
}

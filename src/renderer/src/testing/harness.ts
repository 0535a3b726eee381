/**
 * Test harness for the console: an app with the api over a contract-checked fake transport
 * (../api/fake-transport), Pinia and vue-i18n, the same wiring as main.ts. Stores get the api through
 * the app (useApi), so no test needs a backend or a window.vdc.
 */
import { createApp, type App } from 'vue';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { apiPlugin, createApi, type Api } from '@renderer/api';
import { createFakeTransport, type FakeHandlers, type FakeTransport } from '@renderer/api/fake-transport';
import { i18n } from '@renderer/i18n';
import type { AlarmView, ClockState, EntityDetailOf, InventoryNodeView } from '@shared/schemas/views';

export interface Harness {
  app: App;
  api: Api;
  pinia: Pinia;
  fake: FakeTransport;
  /** Plugins for @vue/test-utils' mount (`global: { plugins }`): the same api, Pinia and i18n. */
  plugins: [{ install(app: App): void }, Pinia, typeof i18n];
}

export function harness(handlers: FakeHandlers): Harness {
  const fake = createFakeTransport(handlers);
  const api = createApi(fake);
  const app = createApp({});
  const pinia = createPinia();
  const plugin = apiPlugin(api);
  app.use(plugin);
  app.use(pinia);
  setActivePinia(pinia);
  i18n.global.locale.value = 'en';
  return { app, api, pinia, fake, plugins: [plugin, pinia, i18n] };
}

/** Lets pending promise callbacks (api answers) run. */
export const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

export const clockState = (over: Partial<ClockState> = {}): ClockState => ({
  running: false,
  speed: 60,
  tick: 0,
  time: 0,
  tickSeconds: 20,
  startEpochMs: Date.UTC(2025, 0, 6, 8),
  actualSpeed: 0,
  ...over,
});

export const tree = (): InventoryNodeView[] => [
  {
    id: 'dc-1',
    kind: 'datacenter',
    name: 'DC',
    state: 'ok',
    parentId: null,
    children: [
      {
        id: 'cl-1',
        kind: 'cluster',
        name: 'Prod',
        state: 'ok',
        parentId: 'dc-1',
        children: [
          {
            id: 'host-1',
            kind: 'host',
            name: 'esx-01',
            state: 'connected',
            parentId: 'cl-1',
            children: [{ id: 'vm-1', kind: 'vm', name: 'web-01', state: 'poweredOn', parentId: 'host-1' }],
          },
          {
            id: 'host-2',
            kind: 'host',
            name: 'esx-02',
            state: 'maintenance',
            parentId: 'cl-1',
            children: [],
          },
        ],
      },
    ],
  },
];

export const alarm = (id: string, over: Partial<AlarmView> = {}): AlarmView => ({
  id,
  rule: 'host.cpu',
  objectId: 'host-1',
  objectName: 'esx-01',
  severity: 'warning',
  message: 'CPU high',
  triggeredAt: 100,
  clearedAt: null,
  acknowledged: false,
  ...over,
});

export const vmDetail = (over: Partial<EntityDetailOf<'vm'>['properties']> = {}): EntityDetailOf<'vm'> => ({
  id: 'vm-1',
  kind: 'vm',
  name: 'web-01',
  state: 'poweredOn',
  parentId: 'host-1',
  metrics: {},
  childIds: [],
  properties: {
    power: 'poweredOn',
    hostId: 'host-1',
    guestOS: 'linux',
    vcpus: 2,
    memMiB: 4096,
    cpuShares: 2000,
    cpuSharesLevel: 'normal',
    cpuReservationMHz: 0,
    cpuLimitMHz: null,
    memShares: 40960,
    memSharesLevel: 'normal',
    memReservationMiB: 0,
    memLimitMiB: null,
    hotAddCpu: false,
    hotAddMem: false,
    containerHost: false,
    networkId: null,
    serviceId: null,
    tags: '',
    haRestartPriority: 'medium',
    workload: 'diurnal',
    busyTaskId: null,
    workloadSpec: {
      pattern: 'diurnal',
      cpuBasePct: 7,
      cpuPeakPct: 33,
      memActivePct: 21,
      iopsPeak: null,
      netPeakMbps: 12,
    },
    migratingTo: null,
    paused: false,
    haPending: false,
    poweredOnAtSec: 3600,
    createdAtSec: 0,
    ...over,
  },
  disks: [{ datastoreId: 'ds-1', sizeGiB: 40, usedGiB: 12.5, thin: true, iopsShares: 1000, iopsLimit: null }],
  lifecycle: {
    template: false,
    tags: [],
    attributes: [],
    snapshots: [],
    currentSnapshotId: null,
    runningDeltaGiB: 0,
    snapshotGiB: 0,
    consolidationNeeded: false,
  },
  layers: {
    model: 'flat',
    running: true,
    nested: false,
    passthrough: [],
    numaNodes: 1,
    numaLocalityPct: 100,
    vmId: null,
    runtime: null,
    rows: [
      { layer: 'guest', cpuMHz: 800, memMiB: 2048 },
      { layer: 'monitor', cpuMHz: 0, memMiB: 86.96 },
      { layer: 'ready', cpuMHz: 0, memMiB: 0 },
      { layer: 'coStop', cpuMHz: 0, memMiB: 0 },
      { layer: 'reclaimed', cpuMHz: 0, memMiB: 0 },
      { layer: 'granted', cpuMHz: 800, memMiB: 2048 },
    ],
  },
});

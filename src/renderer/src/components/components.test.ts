// @vitest-environment happy-dom
/**
 * Important console components mounted with the real stores, i18n and Naive UI, the api provided by
 * the app over a fake transport that implements the contract (answers and pushes are schema-checked).
 */
import { describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { NDialogProvider, NMessageProvider } from 'naive-ui';
import { apiOk } from '@shared/errors';
import type { EntityDetailOf } from '@shared/schemas/views';
import { clockState, harness, tree, vmDetail, type Harness } from '@renderer/testing/harness';
import { useClockStore } from '@renderer/stores/clock';
import { useInventoryStore } from '@renderer/stores/inventory';
import { useUiStore } from '@renderer/stores/ui';
import ConnectionStatus from './topbar/ConnectionStatus.vue';
import ScaleServiceDialog from './wizards/ScaleServiceDialog.vue';
import SummaryTab from './pane/SummaryTab.vue';
import SchedulingCard from './pane/SchedulingCard.vue';

/** Mounts inside Naive UI's message and dialog providers (components call useMessage / useDialog) with the harness's plugins. */
function mountWith<P extends Record<string, unknown>>(h0: Harness, comp: unknown, props: P = {} as P) {
  const Host = defineComponent({
    setup: () => () =>
      h(NDialogProvider, null, {
        default: () => h(NMessageProvider, null, { default: () => h(comp as never, props) }),
      }),
  });
  return mount(Host, { global: { plugins: h0.plugins }, attachTo: document.body });
}

const service = (replicas: number): EntityDetailOf<'service'> => ({
  id: 'svc-1',
  kind: 'service',
  name: 'shop',
  state: 'ok',
  parentId: 'cl-1',
  metrics: {},
  childIds: [],
  properties: {
    kind: 'vm',
    replicas,
    running: replicas,
    antiAffinity: false,
    clusterId: 'cl-1',
    autoscale: null,
  },
});

describe('ConnectionStatus', () => {
  it('shows the transport status as it changes', async () => {
    const hs = harness({});
    const w = mountWith(hs, ConnectionStatus);
    const el = () => document.querySelector('[data-testid="connection-status"]')!;
    expect(el().getAttribute('data-status')).toBe('open');
    hs.fake.setStatus('closed');
    await nextTick();
    expect(el().getAttribute('data-status')).toBe('closed');
    expect(el().textContent).toContain('Disconnected');
    w.unmount();
  });
});

describe('ScaleServiceDialog', () => {
  it("starts from the service's configured replicas and sends service.scale with the new count", async () => {
    let scaled: unknown = null;
    const hs = harness({
      'inventory.tree': () => apiOk(tree()),
      'entity.describe': (p) => (p.id === 'svc-1' ? apiOk(service(3)) : apiOk(vmDetail())),
      'command.execute': (p) => ((scaled = p.command), apiOk({ taskId: 'task-9' })),
      'tasks.query': () => apiOk({ total: 0, rows: [] }),
    });
    const w = mountWith(hs, ScaleServiceDialog);
    useUiStore().open('scaleService', ['svc-1']);
    await flushPromises();
    const input = document.querySelector<HTMLInputElement>('[data-testid="scale-replicas"]')!;
    expect(input.value).toBe('3'); // the old console read a top-level `replicas` and always showed 1
    input.value = '5';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await flushPromises();
    document.querySelector<HTMLButtonElement>('[data-testid="scale-submit"]')!.click();
    await flushPromises();
    expect(scaled).toEqual({ type: 'service.scale', serviceId: 'svc-1', replicas: 5 });
    w.unmount();
  });
});

describe('SummaryTab', () => {
  it('shows typed properties: times as dates, ids as names, a VM’s disks as rows', async () => {
    const hs = harness({
      'inventory.tree': () => apiOk(tree()),
      'events.query': () => apiOk({ total: 0, rows: [] }),
      'clock.get': () => apiOk(clockState()),
    });
    await useInventoryStore().refresh();
    await useClockStore().load();
    const w = mountWith(hs, SummaryTab, { detail: vmDetail({ poweredOnAtSec: 3600 }) });
    await flushPromises();
    const field = (k: string) => document.querySelector(`[data-testid="field-${k}"]`)?.textContent;
    expect(field('hostId')).toBe('esx-01');
    expect(field('poweredOnAtSec')).toMatch(/2025.*09:00:00|09:00:00.*2025/);
    expect(field('vcpus')).toBe('2');
    // Capacity properties in human units (their label drops the raw unit).
    expect(field('disk0.sizeGiB')).toBe('40 GiB');
    expect(field('disk0.datastoreId')).toBe('ds-1');
    expect(field('busyTaskId')).toBeUndefined();
    w.unmount();
  });
});

describe('SchedulingCard', () => {
  it('lists the DRS recommendations of a manual cluster and applies one with drs.apply', async () => {
    const sent: unknown[] = [];
    const hs = harness({
      'inventory.tree': () => apiOk(tree()),
      'command.execute': (p) => (sent.push(p.command), apiOk({ taskId: 't-1' })),
    });
    await useInventoryStore().refresh();
    const alloc = {
      vcpusAllocated: 4,
      physicalCores: 8,
      cpuAllocatedMHz: 8000,
      memAllocatedMiB: 8192,
      cpuCapacityMHz: 16000,
      memCapacityMiB: 65536,
      vcpuPerCoreRatio: 0.5,
      vramPerRamRatio: 0.125,
    };
    const detail: EntityDetailOf<'cluster'> = {
      id: 'cl-1',
      kind: 'cluster',
      name: 'Prod',
      state: 'ok',
      parentId: 'dc-1',
      metrics: {},
      childIds: ['host-1', 'host-2'],
      allocation: alloc,
      derivedRules: [],
      settings: {
        placementPolicy: 'nova',
        drs: { enabled: true, automation: 'manual', threshold: 3 },
        ha: {
          enabled: false,
          admission: 'disabled',
          cpuReservePct: 0,
          memReservePct: 0,
          failoverHostIds: [],
          restartDelaySec: 0,
        },
        dpm: { enabled: false },
        cpuAllocationRatio: 4,
        memAllocationRatio: 1,
        migration: { downtimeTargetMs: 300, maxRounds: 30, maxConcurrentPerHost: 2 },
      },
      properties: {
        placementPolicy: 'nova',
        drsEnabled: true,
        drsAutomation: 'manual',
        drsThreshold: 3,
        haEnabled: false,
        haAdmission: 'disabled',
        haCpuReservePct: 0,
        haMemReservePct: 0,
        haRestartDelaySec: 0,
        dpmEnabled: false,
        cpuAllocationRatio: 4,
        memAllocationRatio: 1,
        migrationDowntimeTargetMs: 300,
        migrationMaxRounds: 30,
        haFailuresToTolerate: 1,
        rules: 0,
        haHostMonitoring: true,
        haRestartPriority: 'medium',
        dpmAutomation: 'automatic',
        vmGroups: 0,
        hostGroups: 0,
        ...alloc,
      },
      scheduling: {
        placementPolicy: 'nova',
        drs: {
          enabled: true,
          automation: 'manual',
          threshold: 3,
          automatic: false,
          imbalance: 0.4,
          targetImbalance: 0.1,
          imbalanceAfter: 0.1,
          summary: '1 recommendation',
          recommendations: [
            {
              vmId: 'vm-1',
              vmName: 'web-01',
              fromHostId: 'host-1',
              toHostId: 'host-2',
              priority: 2,
              reason: 'balance load',
              predictedSourceLoadPct: 40,
              predictedTargetLoadPct: 30,
            },
          ],
          deferred: [],
        },
        dpm: {
          enabled: false,
          standbyHostIds: [],
          action: null,
          evacuatingHostId: null,
          evacuations: [],
          summary: 'off',
        },
        ha: {
          enabled: false,
          admissionPolicy: 'disabled',
          enforced: false,
          cpuFailoverPct: 0,
          memFailoverPct: 0,
          cpuReservePct: 0,
          memReservePct: 0,
          slotCpuMHz: 0,
          slotMemMiB: 0,
          totalSlots: 0,
          usedSlots: 0,
          failoverLevel: 0,
          failuresToTolerate: 1,
          failoverHostIds: [],
          failoverHostsReady: 0,
          satisfied: true,
          summary: 'off',
        },
      },
    };
    const w = mountWith(hs, SchedulingCard, { detail });
    await flushPromises();
    expect(document.body.textContent).toContain('web-01');
    expect(document.body.textContent).toContain('esx-01 → esx-02');
    const apply = [...document.querySelectorAll('button')].find((b) =>
      /^Apply$/.test(b.textContent?.trim() ?? ''),
    );
    expect(apply, 'an Apply button for the recommendation').toBeTruthy();
    apply!.click();
    await flushPromises();
    expect(sent).toEqual([{ type: 'drs.apply', clusterId: 'cl-1', vmId: 'vm-1' }]);
    w.unmount();
  });
});

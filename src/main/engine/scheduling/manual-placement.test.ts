/**
 * DRS automation and initial placement through the real engine: a manual cluster refuses to place a new
 * guest itself (PLACEMENT_CHOICE_REQUIRED with ranked recommendations, nothing changed); an explicit host
 * works; partially and fully automated clusters place automatically; HA still restarts by itself.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine';
import type { ClusterSettings, DrsAutomation } from '../model/scenario';
import { host, scenario, vm } from './testing/fixture';
import type { PlacementChoiceDetails } from './manual-placement';

const NO_HA: ClusterSettings['ha'] = {
  enabled: false,
  admission: 'disabled',
  cpuReservePct: 0,
  memReservePct: 0,
  failoverHostIds: [],
  restartDelaySec: 0,
};

/** host-1 runs two VMs, host-2 is empty, host-3 is in maintenance; nova (spread) placement. */
function engineWith(automation: DrsAutomation, drsEnabled = true, ha: ClusterSettings['ha'] = NO_HA): Engine {
  const s = scenario(
    [host(1), host(2), host(3, { state: 'maintenance' })],
    [vm('vm-1', 'host-1'), vm('vm-2', 'host-1')],
    {
      placementPolicy: 'nova',
      drs: { enabled: drsEnabled, automation, threshold: 3 },
      ha,
    },
  );
  const r = createEngine(s);
  if (!r.ok) throw new Error(r.error.message);
  r.value.step();
  return r.value;
}

const WORKLOAD = { pattern: 'constant' as const, cpuBasePct: 10, cpuPeakPct: 10, memActivePct: 20 };
const newVm = (name: string) => ({
  name,
  vcpus: 2,
  memMiB: 4096,
  disks: [{ sizeGiB: 10, thin: true }],
  networkId: 'net-1',
  workload: WORKLOAD,
});

function finish(e: Engine, taskId: string | undefined): void {
  for (
    let i = 0;
    i < 200 && e.tasks().some((t) => t.id === taskId && (t.state === 'running' || t.state === 'queued'));
    i++
  )
    e.step();
}

describe('vm.create in a manual DRS cluster', () => {
  it('refuses to place automatically and lists the recommended hosts, best first; nothing changes', () => {
    const e = engineWith('manual');
    const hash = e.runHash();
    const vmsBefore = e.list('vm').length;
    const tasksBefore = e.tasks().length;
    const r = e.execute({ type: 'vm.create', clusterId: 'cluster-1', spec: newVm('web-9') });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('PLACEMENT_CHOICE_REQUIRED');
    expect(r.error.message).toMatch(/manual DRS mode/);
    const d = r.error.details as unknown as PlacementChoiceDetails;
    // Hand check: host-3 is in maintenance (rejected); nova spreads, so the empty host-2 beats host-1.
    expect(d.recommendations.map((x) => x.hostId)).toEqual(['host-2', 'host-1']);
    expect(d.recommendations.map((x) => x.rank)).toEqual([1, 2]);
    expect(d.rejectedHosts).toBe(1);
    expect(d.automation).toBe('manual');
    expect(r.error.message).toContain('1. esx-02, 2. esx-01');
    // The first recommendation is what the policy would choose (the same scorer as explainPlacement).
    const x = e.explainPlacement({ kind: 'vm', vcpus: 2, memMiB: 4096, clusterId: 'cluster-1' });
    expect(x.ok && x.value.chosenHostId).toBe('host-2');
    expect(e.runHash()).toBe(hash);
    expect(e.list('vm')).toHaveLength(vmsBefore);
    expect(e.tasks()).toHaveLength(tasksBefore);
  });

  it('places on an explicit host, e.g. the second recommendation', () => {
    const e = engineWith('manual');
    const r = e.execute({ type: 'vm.create', hostId: 'host-1', spec: newVm('web-9') });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    finish(e, r.value.taskId);
    expect(e.list('vm').find((v) => v.id === r.value.createdId)?.parentId).toBe('host-1');
  });

  it.each(['partial', 'full'] as const)(
    'a %s automated cluster places by itself (on the recommended host)',
    (automation) => {
      const e = engineWith(automation);
      const r = e.execute({ type: 'vm.create', clusterId: 'cluster-1', spec: newVm('web-9') });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      finish(e, r.value.taskId);
      expect(e.list('vm').find((v) => v.id === r.value.createdId)?.parentId).toBe('host-2');
    },
  );

  it('with DRS disabled the placement policy still places by itself (no DRS recommendations to choose from)', () => {
    const e = engineWith('manual', false);
    expect(e.execute({ type: 'vm.create', clusterId: 'cluster-1', spec: newVm('web-9') }).ok).toBe(true);
  });

  it('vm.clone without a host stays on its source host, also in a manual cluster', () => {
    const e = engineWith('manual');
    const r = e.execute({ type: 'vm.clone', vmId: 'vm-1', name: 'vm-1-copy' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    finish(e, r.value.taskId);
    expect(e.list('vm').find((v) => v.id === r.value.createdId)?.parentId).toBe('host-1');
  });
});

describe('container.create in a manual DRS cluster', () => {
  const spec = { name: 'ct-1', cpuRequestMilli: 500, memRequestMiB: 256, imageMiB: 100, workload: WORKLOAD };

  it('needs a host when the container would run directly on one', () => {
    const e = engineWith('manual');
    const before = e.list('container').length;
    const r = e.execute({ type: 'container.create', clusterId: 'cluster-1', spec });
    expect(!r.ok && r.error.code).toBe('PLACEMENT_CHOICE_REQUIRED');
    if (r.ok) return;
    const d = r.error.details as unknown as PlacementChoiceDetails;
    expect(d.recommendations[0]!.hostId).toBe('host-2');
    expect(d.recommendations.some((x) => x.hostId === 'host-3')).toBe(false);
    expect(e.list('container')).toHaveLength(before);
    expect(e.execute({ type: 'container.create', hostId: d.recommendations[0]!.hostId, spec }).ok).toBe(true);
  });
});

describe('automatic controllers in a manual DRS cluster', () => {
  it('a service places its replicas by itself (the controller owns them)', () => {
    const e = engineWith('manual');
    const template = {
      kind: 'container' as const,
      cpuRequestMilli: 250,
      memRequestMiB: 128,
      imageMiB: 50,
      workload: WORKLOAD,
    };
    expect(
      e.execute({
        type: 'service.create',
        name: 'svc',
        clusterId: 'cluster-1',
        replicas: 2,
        antiAffinity: true,
        template,
      }).ok,
    ).toBe(true);
    for (let i = 0; i < 10; i++) e.step();
    const replicas = e.list('container');
    expect(replicas).toHaveLength(2);
    // Anti-affinity over the two connected hosts (host-3 is in maintenance).
    expect(replicas.map((c) => c.parentId).sort()).toEqual(['host-1', 'host-2']);
  });

  it('HA restarts the VMs of a failed host by itself', () => {
    const ha: ClusterSettings['ha'] = {
      enabled: true,
      admission: 'disabled',
      cpuReservePct: 0,
      memReservePct: 0,
      failoverHostIds: [],
      restartDelaySec: 0,
    };
    const e = engineWith('manual', true, ha);
    expect(e.execute({ type: 'host.fail', hostId: 'host-1' }).ok).toBe(true);
    for (let i = 0; i < 10; i++) e.step();
    const vms = e.list('vm');
    expect(vms.map((v) => v.parentId)).toEqual(['host-2', 'host-2']);
    expect(vms.every((v) => v.state === 'poweredOn')).toBe(true);
  });
});

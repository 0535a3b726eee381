/**
 * Applying what-if changes at a branch point. Offline resizes edit the snapshot (as if done in a
 * maintenance window: vCPU/memory hot-remove is not possible on a running VM); everything else goes
 * through engine commands, so the engine's own validation and placement decide what fits.
 */
import type { Command, Engine, EngineSnapshot } from '../../engine';
import type { WhatIfChange } from '../../../shared/contract-capacity';

export interface ChangeOutcome {
  change: number;
  ok: boolean;
  message: string;
}

const CPU_SHARES: Record<string, number> = { low: 500, normal: 1000, high: 2000 };
const MEM_SHARES: Record<string, number> = { low: 5, normal: 10, high: 20 };

/** Applies the resizeVm changes to the snapshot in place. */
export function applyOfflineChanges(
  snap: EngineSnapshot,
  changes: WhatIfChange[],
  out: ChangeOutcome[],
): void {
  changes.forEach((c, i) => {
    if (c.type !== 'resizeVm') return;
    const vm = snap.vms.find((v) => v.id === c.vmId);
    const host = vm ? snap.hosts.find((h) => h.id === vm.hostId) : undefined;
    if (!vm || !host) return void out.push({ change: i, ok: false, message: `VM ${c.vmId} does not exist` });
    const cores = host.sockets * host.coresPerSocket;
    if (c.vcpus > cores)
      return void out.push({
        change: i,
        ok: false,
        message: `${c.vcpus} vCPUs exceed the ${cores} cores of ${host.name}`,
      });
    if (c.memMiB > host.memMiB)
      return void out.push({
        change: i,
        ok: false,
        message: `${c.memMiB} MiB exceed the memory of ${host.name}`,
      });
    if (c.memMiB < vm.memResMiB)
      return void out.push({
        change: i,
        ok: false,
        message: `memory cannot go below the reservation of ${vm.memResMiB} MiB`,
      });
    const from = `${vm.vcpus} vCPU / ${vm.memMiB} MiB`;
    vm.vcpus = c.vcpus;
    vm.memMiB = c.memMiB;
    if (CPU_SHARES[vm.cpuSharesLevel] !== undefined) vm.cpuShares = CPU_SHARES[vm.cpuSharesLevel]! * c.vcpus;
    if (MEM_SHARES[vm.memSharesLevel] !== undefined) vm.memShares = MEM_SHARES[vm.memSharesLevel]! * c.memMiB;
    out.push({ change: i, ok: true, message: `${vm.name}: ${from} → ${c.vcpus} vCPU / ${c.memMiB} MiB` });
  });
}

function run(e: Engine, cmd: Command): string | null {
  const r = e.execute(cmd);
  return r.ok ? null : r.error.message;
}

/**
 * vm.create in a what-if: a cluster in manual DRS mode refuses to choose the host itself
 * (PLACEMENT_CHOICE_REQUIRED); a plan takes DRS's top recommendation, as an operator accepting it would.
 */
function createVm(e: Engine, cmd: Extract<Command, { type: 'vm.create' }>): string | null {
  const r = e.execute(cmd);
  if (r.ok) return null;
  if (r.error.code !== 'PLACEMENT_CHOICE_REQUIRED') return r.error.message;
  const recs = (r.error.details as { recommendations?: { hostId: string }[] } | undefined)?.recommendations;
  const best = recs?.[0]?.hostId;
  return best === undefined ? r.error.message : run(e, { ...cmd, hostId: best });
}

/**
 * Hosts a plan removes enter maintenance mode; in a manual or partially automated DRS cluster the engine
 * then waits for the user to apply DRS's evacuation recommendations (as vCenter does), a few at a time as
 * migration slots free up. A plan approves them as they appear: `approveEvacuations` applies DRS's
 * recommendation for each VM still on those hosts and returns whether any is still on its way (a VM no
 * host can take is left where it is, as fully automated DRS leaves it). Only the
 * evacuations are approved, never DRS's balancing recommendations of the manual cluster.
 */
export function approveEvacuations(e: Engine, hostIds: readonly string[]): boolean {
  let left = false;
  for (const hostId of hostIds) {
    const host = e.describe(hostId);
    if (
      !host.ok ||
      host.value.kind !== 'host' ||
      host.value.state !== 'maintenance' ||
      host.value.parentId === null
    )
      continue;
    const settings = e.clusterSettings(host.value.parentId);
    if (!settings.ok || !settings.value.drs.enabled || settings.value.drs.automation === 'full') continue;
    for (const vmId of host.value.childIds) {
      const vm = e.describe(vmId);
      if (!vm.ok || vm.value.kind !== 'vm' || vm.value.state !== 'poweredOn') continue;
      // A VM on its way, or one DRS recommends moving now: more to come. While any VM moves, the others may
      // be waiting for a migration slot; once none moves and none is recommended, DRS cannot place the rest.
      if (vm.value.properties['busyTaskId'] !== null && vm.value.properties['busyTaskId'] !== undefined) {
        left = true;
        continue;
      }
      if (e.execute({ type: 'drs.apply', clusterId: host.value.parentId, vmId }).ok) left = true;
    }
  }
  return left;
}

/** Host ids the changes remove (the hosts `approveEvacuations` must keep emptying while a branch runs). */
export function removedHostIds(changes: readonly WhatIfChange[]): string[] {
  return changes.flatMap((c) => (c.type === 'removeHosts' ? c.hostIds : []));
}

/** Applies every other change through engine commands; one outcome per change. */
export function applyCommandChanges(e: Engine, changes: WhatIfChange[], out: ChangeOutcome[]): void {
  changes.forEach((c, i) => {
    const fail = (msgs: string[], done: number, total: number, what: string) =>
      out.push({
        change: i,
        ok: msgs.length === 0,
        message:
          msgs.length === 0
            ? `${what}: ${done} of ${total}`
            : `${what}: ${done} of ${total}; ${msgs.slice(0, 3).join('; ')}${msgs.length > 3 ? ` (+${msgs.length - 3} more)` : ''}`,
      });
    switch (c.type) {
      case 'resizeVm':
        return;
      case 'addHosts': {
        const errs: string[] = [];
        for (let k = 1; k <= c.count; k++) {
          const m = run(e, {
            type: 'host.add',
            clusterId: c.clusterId,
            spec: { ...c.host, name: c.count > 1 ? `${c.host.name}-${k}` : c.host.name },
          });
          if (m) errs.push(m);
        }
        return fail(errs, c.count - errs.length, c.count, 'hosts added');
      }
      case 'removeHosts':
      case 'failHosts': {
        const errs: string[] = [];
        for (const h of c.hostIds) {
          const m = run(
            e,
            c.type === 'failHosts'
              ? { type: 'host.fail', hostId: h }
              : { type: 'host.maintenance', hostId: h, enter: true },
          );
          if (m) errs.push(m);
        }
        if (c.type === 'removeHosts') approveEvacuations(e, c.hostIds);
        return fail(
          errs,
          c.hostIds.length - errs.length,
          c.hostIds.length,
          c.type === 'failHosts' ? 'hosts failed' : 'hosts entering maintenance (removed from capacity)',
        );
      }
      case 'addVms': {
        const errs: string[] = [];
        const p = c.profile;
        for (let k = 1; k <= c.count; k++) {
          const m = createVm(e, {
            type: 'vm.create',
            clusterId: c.clusterId,
            powerOn: true,
            spec: {
              name: `${c.namePrefix}-${k}`,
              vcpus: p.vcpus,
              memMiB: p.memMiB,
              disks: p.diskGiB >= 1 ? [{ sizeGiB: Math.round(p.diskGiB), thin: true }] : [],
              workload: {
                pattern: 'diurnal',
                cpuBasePct: p.cpuUtilPct * 0.5,
                cpuPeakPct: Math.min(100, p.cpuUtilPct * 1.5),
                memActivePct: p.memUtilPct,
              },
            },
          });
          if (m) errs.push(m);
        }
        return fail(errs, c.count - errs.length, c.count, 'VMs placed');
      }
      case 'overcommit': {
        const m = run(e, {
          type: 'cluster.configure',
          clusterId: c.clusterId,
          settings: { cpuAllocationRatio: c.cpuAllocationRatio, memAllocationRatio: c.memAllocationRatio },
        });
        return void out.push({
          change: i,
          ok: m === null,
          message: m ?? `allocation ratios ${c.cpuAllocationRatio}:1 CPU, ${c.memAllocationRatio}:1 memory`,
        });
      }
      case 'policy': {
        const m = run(e, {
          type: 'cluster.configure',
          clusterId: c.clusterId,
          settings: { placementPolicy: c.placementPolicy },
        });
        return void out.push({
          change: i,
          ok: m === null,
          message: m ?? `placement policy ${c.placementPolicy}`,
        });
      }
      case 'growth': {
        const snap = e.snapshot();
        const hostCluster = new Map(snap.hosts.map((h) => [h.id, h.clusterId]));
        const targets = snap.vms.filter(
          (v) =>
            (c.clusterId === undefined || hostCluster.get(v.hostId) === c.clusterId) &&
            (c.tag === undefined || v.tags.includes(c.tag)),
        );
        const errs: string[] = [];
        for (const v of targets) {
          const m = run(e, {
            type: 'vm.configure',
            vmId: v.id,
            workload: { ...v.workload, growthPctPerMonth: c.pctPerMonth },
          });
          if (m) errs.push(m);
        }
        return fail(
          errs,
          targets.length - errs.length,
          targets.length,
          `VMs growing ${c.pctPerMonth} %/month`,
        );
      }
    }
  });
}

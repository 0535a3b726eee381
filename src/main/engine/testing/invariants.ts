/**
 * World invariants for tests, shared by the engine's property test and the API sequence fuzz.
 * Each check returns the list of violations (empty when the world is sound), so callers can report
 * them with the command sequence that led there.
 */
import type { TickResult } from '../api';
import { hostCpuCapacityMHz } from '../physics/tick';
import { LoadBook } from '../world/admission';
import { hypervisorMemMiB } from '../world/defaults';
import type { World } from '../world/world';

/** No duplicate ids, every VM on one existing host, granted within capacity, reservations honoured, finite numbers. */
export function worldViolations(w: Readonly<World>): string[] {
  const bad: string[] = [];
  const vmIds = w.vms.map((v) => v.id);
  if (new Set(vmIds).size !== vmIds.length) bad.push(`duplicate VM ids: ${vmIds.join(',')}`);
  const ctrIds = w.containers.map((c) => c.id);
  if (new Set(ctrIds).size !== ctrIds.length) bad.push(`duplicate container ids: ${ctrIds.join(',')}`);
  for (const vm of w.vms) {
    if (!w.hostById.has(vm.hostId)) bad.push(`${vm.id} is on unknown host ${vm.hostId}`);
    const busy = vm.busyTaskId === null ? undefined : w.taskById.get(vm.busyTaskId);
    if (vm.busyTaskId !== null && !(busy && (busy.state === 'queued' || busy.state === 'running')))
      bad.push(`${vm.id} is busy with finished/unknown task ${vm.busyTaskId}`);
    if (vm.migratingTo !== null && busy?.op.kind !== 'liveMigrate')
      bad.push(`${vm.id} migrates to ${vm.migratingTo} without a migration task`);
    for (const [k, v] of [
      ['cpuUsageMHz', vm.cpuUsageMHz],
      ['cpuDemandMHz', vm.cpuDemandMHz],
      ['memGrantedMiB', vm.memGrantedMiB],
    ] as const)
      if (!Number.isFinite(v) || v < -1e-6) bad.push(`${vm.id}.${k} = ${v}`);
  }
  for (const c of w.containers) {
    if ((c.hostId === null) === (c.vmId === null)) bad.push(`${c.id} must run on exactly one host or VM`);
    if (c.hostId !== null && !w.hostById.has(c.hostId)) bad.push(`${c.id} is on unknown host ${c.hostId}`);
    if (c.vmId !== null && !w.vmById.has(c.vmId)) bad.push(`${c.id} is in unknown VM ${c.vmId}`);
  }
  const book = new LoadBook(w as World);
  for (const h of w.hosts) {
    const up = h.state === 'connected' || h.state === 'maintenance';
    const cap = hostCpuCapacityMHz(h);
    for (const [k, v] of [
      ['cpuUsageMHz', h.cpuUsageMHz],
      ['memConsumedMiB', h.memConsumedMiB],
      ['powerW', h.powerW],
      ['energyKWh', h.energyKWh],
    ] as const)
      if (!Number.isFinite(v) || v < -1e-6) bad.push(`${h.id}.${k} = ${v}`);
    if (h.cpuUsageMHz > cap * (1 + 1e-9) + 1e-6) bad.push(`${h.id} grants ${h.cpuUsageMHz} MHz of ${cap}`);
    if (h.memConsumedMiB > h.memMiB + 1e-6)
      bad.push(`${h.id} consumes ${h.memConsumedMiB} MiB of ${h.memMiB}`);
    if (up) {
      const l = book.load(h.id);
      if (l.reservedCpuMHz > cap + 1e-6) bad.push(`${h.id} reserves ${l.reservedCpuMHz} MHz of ${cap}`);
      if (l.reservedMemMiB > h.memMiB - hypervisorMemMiB(h.memMiB) + 1e-6)
        bad.push(`${h.id} reserves ${l.reservedMemMiB} MiB of ${h.memMiB}`);
    }
  }
  for (const vm of w.vms) {
    if (vm.power !== 'poweredOn' || vm.haPending) continue;
    const h = w.hostById.get(vm.hostId);
    if (!h) continue;
    // Reserved memory is never reclaimed; reserved CPU is granted when wanted.
    if (vm.memGrantedMiB < Math.min(vm.memWantMiB, vm.memResMiB) - 1e-6)
      bad.push(`${vm.id} granted ${vm.memGrantedMiB} MiB below its reservation ${vm.memResMiB}`);
    if (vm.cpuSwapWaitMs === 0 && !vm.paused) {
      const wanted = Math.min(vm.cpuDemandMHz, vm.vcpus * h.coreMHz, vm.cpuLimitMHz ?? Infinity);
      if (vm.cpuUsageMHz < Math.min(wanted, vm.cpuResMHz) - 1e-6)
        bad.push(`${vm.id} granted ${vm.cpuUsageMHz} MHz below its reservation ${vm.cpuResMHz}`);
    }
  }
  return bad;
}

/** Every metric value of a tick is a finite number (no NaN, no ±Infinity). */
export function metricViolations(r: TickResult): string[] {
  const bad: string[] = [];
  for (const b of r.blocks)
    for (let i = 0; i < b.values.length; i++) {
      const v = b.values[i]!;
      if (!Number.isFinite(v)) {
        bad.push(
          `${b.kind} ${b.ids[i % b.ids.length]} metric #${Math.floor(i / b.ids.length)} = ${v} at tick ${r.tick}`,
        );
        if (bad.length > 5) return bad;
      }
    }
  return bad;
}

/**
 * The guests that must exist, and why one may go. A guest disappears only through a deletion the
 * test can name: its own delete command, a VM delete task that succeeded (taking the containers inside
 * that VM with it), or a service's scale-in/eviction, which the engine records as an event naming it.
 * Anything else is "lost", which is the failure this ledger exists to catch.
 */
export class GuestLedger {
  /** id -> the VM a container ran in just before the current tick (null on a host), for containers. */
  private containers = new Map<string, string | null>();
  private vms = new Set<string>();
  private service = new Map<string, string>();

  constructor(w: Readonly<World>) {
    this.rebase(w, []);
  }

  /** Takes the world's guests as expected, after checking that every one missing was allowed to go. */
  rebase(w: Readonly<World>, allowedGone: Iterable<string>): string[] {
    const bad = this.missing(w, new Set(allowedGone));
    this.vms = new Set(w.vms.map((v) => v.id));
    this.containers = new Map(w.containers.map((c) => [c.id, c.vmId]));
    this.service = new Map(
      [...w.vms, ...w.containers].filter((g) => g.serviceId !== null).map((g) => [g.id, g.serviceId!]),
    );
    return bad;
  }

  /** After a tick: VMs whose delete task succeeded may go, with the containers that were inside them. */
  afterTick(
    w: Readonly<World>,
    r: TickResult,
    opts: { serviceEventsJustify?: boolean; noNewGuests?: boolean } = {},
  ): string[] {
    const gone = new Set<string>();
    const deletedVms = new Set<string>();
    for (const t of r.tasks) if (t.type === 'vm.delete' && t.state === 'success') deletedVms.add(t.target);
    for (const id of deletedVms) gone.add(id);
    for (const [ctr, vm] of this.containers) if (vm !== null && deletedVms.has(vm)) gone.add(ctr);
    for (const ev of r.events) {
      // A container moved into a VM and removed with it in the same tick: the engine names both.
      if (ev.type === 'container.deleted' && ev.objects.some((o) => deletedVms.has(o)))
        gone.add(ev.objects[0]!);
      // Service controllers (scale-in, eviction, HA giving up on a replica) name what they removed.
      if (
        opts.serviceEventsJustify &&
        (ev.type === 'container.evicted' || ev.type === 'container.deleted' || ev.type === 'vm.deleted')
      )
        gone.add(ev.objects[0]!);
    }
    const appeared = opts.noNewGuests
      ? [
          ...w.vms.filter((v) => !this.vms.has(v.id)),
          ...w.containers.filter((c) => !this.containers.has(c.id)),
        ].map((g) => `${g.id} appeared during a tick`)
      : [];
    return [...appeared, ...this.rebase(w, gone)];
  }

  /** The replicas of a service as last seen (service.delete removes them at once). */
  membersOf(serviceId: string): string[] {
    return [...this.service].filter(([, s]) => s === serviceId).map(([id]) => id);
  }

  private missing(w: Readonly<World>, allowed: Set<string>): string[] {
    const bad: string[] = [];
    for (const id of this.vms) if (!w.vmById.has(id) && !allowed.has(id)) bad.push(`VM ${id} lost`);
    for (const id of this.containers.keys())
      if (!w.containerById.has(id) && !allowed.has(id)) bad.push(`container ${id} lost`);
    return bad;
  }
}

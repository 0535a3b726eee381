/**
 * The event loop of the experiment (PowerDatacenter / PowerDatacenterNonPowerAware, CloudSim 3.0.3):
 * interval updates at 300.1, 600.1, ..., 86,100.1 s, migration completions at their own instants,
 * energy per period, the two-zeros VM removal, and the metrics of Helper.printResults.
 */
import { currentPowerFor, optimizeAllocation, type Migration, type PolicyContext } from './allocation';
import { placeInitially } from './experiment';
import { addMigratingIn, removeMigratingIn, vmCreate, vmDestroy, type Host, type Vm } from './model';
import { closeHostEntries, updateHost, type MetricSink } from './host-update';
import { JavaRandom } from './java-random';
import type { PolicySpec } from './policy';
import { clampedUtilisation, periodEnergyWs, specPowerW } from './power';
import type { Semantics } from './semantics';

// Local bindings of hot imported functions: under a CommonJS transform (tsx) every call through an
// import goes through an export getter; binding once keeps the inner loops cheap.
const updateHostFn = updateHost;
const specPowerWFn = specPowerW;
const clampedUtilisationFn = clampedUtilisation;
const periodEnergyWsFn = periodEnergyWs;

export const SIMULATION_LIMIT_SEC = 86_400;
export const SCHEDULING_INTERVAL_SEC = 300;
/** CloudSim 3.0.3's minimum event spacing: cloudlets arrive at 0.1 s, so updates run at 300k + 0.1. */
export const FIRST_EVENT_SEC = 0.1;

/** Live-migration time: RAM / (BW / (2 * 8000)), half of the host link: 613 MB -> 9.808 s at 1 Gbit/s. */
export const migrationTimeSec = (ramMB: number, bwKbps: number): number => ramMB / (bwKbps / (2 * 8000));

export interface TimelinePoint {
  timeSec: number;
  activeHosts: number;
  powerW: number;
  migrationsStarted: number;
  vmsRunning: number;
}

export interface RawMetrics {
  energyWs: number;
  migrations: number;
  slatah: number;
  pdm: number;
  hostShutdowns: number;
  meanTimeBeforeShutdownSec: number;
  vmsCreated: number;
  vmsRunningAtEnd: number;
  timeline: TimelinePoint[];
}

interface Pending {
  timeSec: number;
  seq: number;
  m: Migration;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

/** A run advanced one scheduling interval at a time (for live display), or all at once. */
export interface SimulationRun {
  /** Runs the next interval update (and the migration completions before it); null when the day is over. */
  step(): TimelinePoint | null;
  /** Runs what is left and returns the metrics (idempotent). */
  finish(): RawMetrics;
}

export function simulate(
  hosts: Host[],
  vms: Vm[],
  spec: PolicySpec,
  s: Semantics,
  seed: number,
  wantTimeline: boolean,
): RawMetrics {
  return startSimulation(hosts, vms, spec, s, seed, wantTimeline).finish();
}

export function startSimulation(
  hosts: Host[],
  vms: Vm[],
  spec: PolicySpec,
  s: Semantics,
  seed: number,
  wantTimeline: boolean,
): SimulationRun {
  const sink: MetricSink = { shutdownDurationsSec: [], activeWhileHoldingVms: s.hostOnWhileHoldingVms };
  if (!s.idleAtStartCountsAsShutdown) for (const h of hosts) h.shutdownPrevActive = false;
  const ctx: PolicyContext | null =
    spec.kind === 'migration'
      ? {
          hosts,
          detector: { kind: spec.detector, param: spec.param, semantics: s, round: 0 },
          selector: spec.selector,
          rng: new JavaRandom(seed),
          semantics: s,
          currentPowerW: currentPowerFor(s),
        }
      : null;
  placeInitially(vms, hosts, spec, ctx, s);

  let energyWs = 0;
  let migrations = 0;
  let lastProcessSec = 0;
  let seq = 0;
  const pending: Pending[] = [];
  const timeline: TimelinePoint[] = [];
  const isOn = (h: Host): boolean => (s.hostOnWhileHoldingVms ? h.vmList.length > 0 : h.utilMips > 0);

  const periodEnergy = (h: Host, dt: number): number => {
    if (spec.kind === 'npa') return specPowerWFn(h.power, 1) * dt;
    // reference: a host that was off (u_prev = 0) costs nothing (the rule in periodEnergyWs)
    if (!s.hostOnWhileHoldingVms && h.prevUtilMips === 0) return 0;
    const uPrev = clampedUtilisationFn(h.prevUtilMips, h.totalMips);
    const uNow = clampedUtilisationFn(h.utilMips, h.totalMips);
    if (!s.hostOnWhileHoldingVms) return periodEnergyWsFn(h.power, uPrev, uNow, dt);
    if (h.vmList.length === 0 && h.prevUtilMips === 0) return 0;
    const from = specPowerWFn(h.power, uPrev);
    return (from + (specPowerWFn(h.power, uNow) - from) / 2) * dt;
  };

  const removeFinishedVms = (on: readonly Host[] = hosts): void => {
    if (!s.removeVmsAtZeroDemand) return;
    for (const h of on) {
      let any = false;
      for (const vm of h.vmList) {
        if (!vm.inMigration && vm.requested() === 0) {
          any = true;
          break;
        }
      }
      if (!any) continue;
      const done = h.vmList.filter((vm) => !vm.inMigration && vm.requested() === 0);
      for (const vm of done) {
        const at = vm.tableHost;
        vm.tableHost = null;
        if (at !== null) vmDestroy(at, vm);
        vm.removed = true;
      }
    }
  };

  /** updateCloudetProcessingWithoutSchedulingFutureEventsForce (NPA: its own order). */
  const updateAll = (tSec: number): void => {
    const dt = tSec - lastProcessSec;
    if (spec.kind === 'npa') {
      let frame = 0;
      if (dt > 0) for (const h of hosts) frame += periodEnergy(h, dt);
      energyWs += frame;
      removeFinishedVms();
      for (const h of hosts) updateHostFn(h, tSec, sink);
    } else {
      for (const h of hosts) updateHostFn(h, tSec, sink);
      if (dt > 0) {
        let frame = 0;
        for (const h of hosts) frame += periodEnergy(h, dt);
        energyWs += frame;
      }
      removeFinishedVms();
    }
    lastProcessSec = tSec;
  };

  // The hosts a group of completions touched, in the order of `hosts` (as hosts.filter would give them)
  // without walking every host for each completion instant (≈ 28,000 instants × 800 hosts a run).
  let top = -1;
  for (const h of hosts) if (h.id > top) top = h.id;
  const position = new Int32Array(top + 1);
  hosts.forEach((h, i) => (position[h.id] = i));
  const isTouched = new Uint8Array(top + 1);
  const touch = (h: Host, touched: Host[]): void => {
    if (isTouched[h.id] === 1) return;
    isTouched[h.id] = 1;
    touched.push(h);
  };

  const completeMigration = (m: Migration, touched: Host[]): void => {
    const from = m.vm.tableHost;
    if (from !== null) touch(from, touched);
    touch(m.to, touched);
    m.vm.tableHost = null;
    if (from !== null) vmDestroy(from, m.vm);
    removeMigratingIn(m.to, m.vm);
    if (!vmCreate(m.to, m.vm, s))
      throw new Error(`VM ${m.vm.id} could not be created on host ${m.to.id} after migration`);
    m.vm.tableHost = m.to;
    m.vm.inMigration = false;
  };

  const processCompletionsBefore = (limitSec: number, inclusive: boolean): void => {
    while (pending.length > 0) {
      const t = (pending[0] as Pending).timeSec;
      if (inclusive ? t > limitSec : t >= limitSec) break;
      if (t > lastProcessSec) updateAll(t);
      const changed: Host[] = [];
      while (pending.length > 0 && (pending[0] as Pending).timeSec === t)
        completeMigration((pending.shift() as Pending).m, changed);
      // CloudSim's second (zero-length) update runs over every host; only the hosts the completions
      // changed can differ from the update just made at the same instant, so only they are updated.
      if (changed.length > 1) changed.sort((a, b) => position[a.id]! - position[b.id]!);
      for (const h of changed) isTouched[h.id] = 0;
      for (const h of changed) updateHostFn(h, t, sink);
      removeFinishedVms(changed);
      lastProcessSec = t;
    }
  };

  const startMigrations = (tSec: number, list: Migration[]): void => {
    for (const m of list) {
      const source = m.vm.host;
      if (addMigratingIn(m.to, m.vm, s)) {
        updateHostFn(m.to, tSec, sink);
        if (source !== null) updateHostFn(source, tSec, sink);
      }
      migrations++;
      const delay = migrationTimeSec(m.vm.ramMB, m.to.bwKbps);
      pending.push({ timeSec: tSec + delay, seq: seq++, m });
    }
    pending.sort((a, b) => a.timeSec - b.timeSec || a.seq - b.seq);
  };

  if (s.chargeWholeDay) updateAll(0);
  let t = FIRST_EVENT_SEC;
  let over = false;
  let metrics: RawMetrics | null = null;

  const step = (): TimelinePoint | null => {
    if (over) return null;
    const next = t + SCHEDULING_INTERVAL_SEC;
    if (next > SIMULATION_LIMIT_SEC) {
      over = true;
      return null;
    }
    t = next;
    processCompletionsBefore(t, false);
    if (t > lastProcessSec) updateAll(t);
    let started = 0;
    if (ctx !== null) {
      ctx.detector.round++;
      const list = optimizeAllocation(ctx);
      startMigrations(t, list);
      started = list.length;
    }
    let active = 0;
    let powerW = 0;
    for (const h of hosts) {
      if (spec.kind === 'npa') {
        active++;
        powerW += specPowerWFn(h.power, 1);
      } else if (isOn(h)) {
        active++;
        powerW += specPowerWFn(h.power, clampedUtilisationFn(h.utilMips, h.totalMips));
      }
    }
    let running = 0;
    for (const vm of vms) if (vm.created && !vm.removed) running++;
    const point = {
      timeSec: t,
      activeHosts: active,
      powerW,
      migrationsStarted: started,
      vmsRunning: running,
    };
    if (wantTimeline) timeline.push(point);
    return point;
  };

  const finish = (): RawMetrics => {
    if (metrics !== null) return metrics;
    while (step() !== null);
    processCompletionsBefore(SIMULATION_LIMIT_SEC, true);
    if (s.chargeWholeDay && SIMULATION_LIMIT_SEC > lastProcessSec) {
      const dt = SIMULATION_LIMIT_SEC - lastProcessSec;
      let frame = 0;
      for (const h of hosts) {
        if (spec.kind === 'npa') frame += specPowerWFn(h.power, 1) * dt;
        else if (isOn(h)) frame += specPowerWFn(h.power, clampedUtilisationFn(h.utilMips, h.totalMips)) * dt;
      }
      energyWs += frame;
    }
    metrics = collect();
    return metrics;
  };

  const collect = (): RawMetrics => {
    closeHostEntries(hosts, sink);

    let violation = 0;
    let active = 0;
    for (const h of hosts) {
      violation += h.violationTimeSec;
      active += h.activeTimeSec;
    }
    let requested = 0;
    let underMigration = 0;
    for (const vm of vms) {
      requested += vm.requestedMipsSec;
      underMigration += vm.underAllocatedMigrationMipsSec;
    }
    const shut = sink.shutdownDurationsSec;
    return {
      energyWs,
      migrations,
      slatah: ratio(violation, active),
      pdm: ratio(underMigration, requested),
      hostShutdowns: shut.length,
      meanTimeBeforeShutdownSec: ratio(
        shut.reduce((a, b) => a + b, 0),
        shut.length,
      ),
      vmsCreated: vms.filter((vm) => vm.created).length,
      vmsRunningAtEnd: vms.filter((vm) => vm.created && !vm.removed).length,
      timeline,
    };
  };

  return { step, finish };
}

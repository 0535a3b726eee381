/**
 * Dynamic VM consolidation: the standard experiment of Beloglazov & Buyya (CCPE 2012) as implemented in
 * CloudSim 3.0.3 ("reference" semantics, quirks included) or with the non-physical artefacts removed
 * ("native"). Pure: no I/O, no clock; randomness (RS) from a seeded generator.
 */
import { engineError, err, ok, type EngineError, type Result } from '../api';
import { makeHostList, makeVms, NUMBER_OF_HOSTS } from './experiment';
import { parsePolicy, policyLabel } from './policy';
import { NATIVE, REFERENCE } from './semantics';
import { SIMULATION_LIMIT_SEC, startSimulation, type TimelinePoint } from './simulation';
import { validateTraces, type TraceInput } from './trace';
import { UtilisationOutOfRange } from './power';

export { parseTraceText, validateTraces, type TraceInput } from './trace';
export { parsePolicy, POLICY_NAMES, DETECTORS, SELECTORS, describeParam, type PolicySpec } from './policy';
export { REFERENCE, NATIVE, type Semantics } from './semantics';
export type { TimelinePoint } from './simulation';

export interface ConsolidationOptions {
  /** npa, dvfs, or detector-selector (thr|iqr|mad|lr|lrr)-(mmt|mc|mu|rs). */
  policy: string;
  /** The detector's parameter; default thr 0.8, iqr 1.5, mad 2.5, lr/lrr 1.2. */
  param?: number;
  /** Seed of the RS selection's generator (default 1). */
  seed?: number;
  /** Native semantics instead of CloudSim 3.0.3's. */
  native?: boolean;
  /** Collect one timeline point per scheduling interval. */
  timeline?: boolean;
  /** Number of hosts (default 800, the published experiment). */
  hostCount?: number;
}

/** The published metrics (fractions, not percent). wallSeconds is added by the caller (the engine has no clock). */
export interface ConsolidationResult {
  policy: string;
  mode: 'reference' | 'native';
  hosts: number;
  vms: number;
  energyKWh: number;
  migrations: number;
  slatah: number;
  pdm: number;
  slav: number;
  esv: number;
  hostShutdowns: number;
  simulatedSeconds: number;
  /** Extras (not in the CLI JSON). */
  vmsRunningAtEnd: number;
  vmsCreated: number;
  meanTimeBeforeShutdownSec: number;
  timeline?: TimelinePoint[];
}

/** A consolidation run advanced interval by interval (e.g. for a live console view). */
export interface ConsolidationRun {
  policy: string;
  mode: 'reference' | 'native';
  hosts: number;
  vms: number;
  /** Advances one 300-s scheduling interval; null when the day is over. */
  step(): Result<TimelinePoint | null, EngineError>;
  /** Runs what is left and returns the result (the timeline is included if options.timeline). */
  finish(): Result<ConsolidationResult, EngineError>;
}

function guarded<T>(f: () => T): Result<T, EngineError> {
  try {
    return ok(f());
  } catch (e) {
    if (e instanceof UtilisationOutOfRange) {
      return err(
        engineError('INVALID_STATE', `the reference model aborted: ${e.message} (CloudSim exits here)`),
      );
    }
    throw e;
  }
}

/** Validates the inputs and sets the experiment up (initial placement done); see runConsolidation. */
export function startConsolidation(
  traces: readonly TraceInput[],
  options: ConsolidationOptions,
): Result<ConsolidationRun, EngineError> {
  const bad = validateTraces(traces);
  if (bad !== null) return err(bad);
  const spec = parsePolicy(options.policy, options.param);
  if (!spec.ok) return spec;
  const hostCount = options.hostCount ?? NUMBER_OF_HOSTS;
  if (!Number.isInteger(hostCount) || hostCount < 1) {
    return err(engineError('INVALID_ARGUMENT', `hostCount must be a positive integer, got ${hostCount}`));
  }
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed))
    return err(engineError('INVALID_ARGUMENT', `seed must be an integer, got ${seed}`));
  const semantics = options.native === true ? NATIVE : REFERENCE;
  const hosts = makeHostList(hostCount);
  const vms = makeVms(traces);
  const started = guarded(() =>
    startSimulation(hosts, vms, spec.value, semantics, seed, options.timeline === true),
  );
  if (!started.ok) return started;
  const sim = started.value;
  const policy = policyLabel(spec.value);
  let result: ConsolidationResult | null = null;
  return ok({
    policy,
    mode: semantics.mode,
    hosts: hostCount,
    vms: vms.length,
    step: () => guarded(() => sim.step()),
    finish: () =>
      guarded(() => {
        if (result !== null) return result;
        const raw = sim.finish();
        const energyKWh = raw.energyWs / 3_600_000;
        const slav = raw.slatah * raw.pdm;
        result = {
          policy,
          mode: semantics.mode,
          hosts: hostCount,
          vms: vms.length,
          energyKWh,
          migrations: raw.migrations,
          slatah: raw.slatah,
          pdm: raw.pdm,
          slav,
          esv: energyKWh * slav,
          hostShutdowns: raw.hostShutdowns,
          simulatedSeconds: SIMULATION_LIMIT_SEC,
          vmsRunningAtEnd: raw.vmsRunningAtEnd,
          vmsCreated: raw.vmsCreated,
          meanTimeBeforeShutdownSec: raw.meanTimeBeforeShutdownSec,
        };
        if (options.timeline === true) result.timeline = raw.timeline;
        return result;
      }),
  });
}

/**
 * Runs the whole 24 h experiment on already-parsed traces (file name + 288 percent values; they are
 * taken in byte order of their names) and returns the published metrics (fractions, not percent).
 */
export function runConsolidation(
  traces: readonly TraceInput[],
  options: ConsolidationOptions,
): Result<ConsolidationResult, EngineError> {
  const run = startConsolidation(traces, options);
  if (!run.ok) return run;
  return run.value.finish();
}

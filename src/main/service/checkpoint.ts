/**
 * The checkpoint envelope stored in a workspace file: { format: 'vdc-checkpoint', engine, commandSeq }.
 * `commandSeq` says how much of the command log the engine state already includes, so reopening
 * replays only the commands after it. Sessions and what-if branch files share this one definition.
 */
import type { EngineSnapshot } from '../engine';

export interface CheckpointEnvelope {
  format: 'vdc-checkpoint';
  engine: EngineSnapshot;
  commandSeq: number;
  /** The alarm evaluator's state (service/alarms.ts AlarmState); absent in files written before 0.2. */
  alarms?: unknown;
  /**
   * How many of the engine's pending events (raised by commands after the last tick) the file holds already
   * (they are recorded when the command runs); absent in older files, which record them with the next tick.
   */
  recordedEvents?: number;
}

export function wrapCheckpoint(engine: EngineSnapshot, commandSeq: number): CheckpointEnvelope {
  return { format: 'vdc-checkpoint', engine, commandSeq };
}

/** The engine snapshot and command sequence of a stored checkpoint (older files stored the bare snapshot). */
export function unwrapCheckpoint(
  raw: unknown,
): { engine: EngineSnapshot; commandSeq: number; alarms?: unknown; recordedEvents?: number } | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as {
    format?: unknown;
    engine?: EngineSnapshot;
    commandSeq?: unknown;
    alarms?: unknown;
    recordedEvents?: unknown;
  };
  if (o.format === 'vdc-checkpoint' && o.engine)
    return {
      engine: o.engine,
      commandSeq: typeof o.commandSeq === 'number' ? o.commandSeq : 0,
      alarms: o.alarms,
      ...(typeof o.recordedEvents === 'number' && Number.isInteger(o.recordedEvents) && o.recordedEvents >= 0
        ? { recordedEvents: o.recordedEvents }
        : {}),
    };
  if (o.format === 'vdc-engine-snapshot') return { engine: raw as EngineSnapshot, commandSeq: 0 };
  return null;
}

/** The envelope as JSON text around an engine snapshot that is already JSON (Engine.snapshotJson()). */
export function checkpointJson(
  engineJson: string,
  commandSeq: number,
  alarmsJson?: string,
  recordedEvents?: number,
): string {
  const [head, tail] = checkpointJsonAround(commandSeq, alarmsJson, recordedEvents);
  return `${head}${engineJson}${tail}`;
}

/** The envelope's text before and after the engine snapshot's (for a snapshot read in pieces). */
export function checkpointJsonAround(
  commandSeq: number,
  alarmsJson?: string,
  recordedEvents?: number,
): [string, string] {
  const recorded = recordedEvents === undefined ? '' : `"recordedEvents":${recordedEvents},`;
  return [
    `{"format":"vdc-checkpoint","commandSeq":${commandSeq},${recorded}${alarmsJson ? `"alarms":${alarmsJson},` : ''}"engine":`,
    '}',
  ];
}

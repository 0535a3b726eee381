/**
 * The session's checkpoint envelope in a workspace file: { format: 'vdc-checkpoint', engine, commandSeq }
 * (see ../session.ts). Branch files use the same envelope so the console can open them as workspaces.
 */
import type { EngineSnapshot } from '../../engine';

export interface CheckpointEnvelope {
  format: 'vdc-checkpoint';
  engine: EngineSnapshot;
  commandSeq: number;
}

export function wrapCheckpoint(engine: EngineSnapshot, commandSeq: number): CheckpointEnvelope {
  return { format: 'vdc-checkpoint', engine, commandSeq };
}

/** The engine snapshot and command sequence of a stored checkpoint (older files stored the bare snapshot). */
export function unwrapCheckpoint(raw: unknown): { engine: EngineSnapshot; commandSeq: number } | null {
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as { format?: unknown; engine?: EngineSnapshot; commandSeq?: unknown };
  if (o.format === 'vdc-checkpoint' && o.engine) return { engine: o.engine, commandSeq: typeof o.commandSeq === 'number' ? o.commandSeq : 0 };
  if (o.format === 'vdc-engine-snapshot') return { engine: raw as EngineSnapshot, commandSeq: 0 };
  return null;
}

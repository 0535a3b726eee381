/** Every schema migration, in order. Add a new one as NNN-<what>.ts and append it here. */
import { m001Initial } from './001-initial';
import { m002CommandLog } from './002-command-log';
import { m003KindVectors } from './003-kind-vectors';
import { m004AppendOnly } from './004-append-only';
import { m005RealtimeBlocks } from './005-realtime-blocks';
import { m006MessageCodes } from './006-message-codes';
import type { Migration } from './runner';

export const MIGRATIONS: readonly Migration[] = [
  m001Initial,
  m002CommandLog,
  m003KindVectors,
  m004AppendOnly,
  m005RealtimeBlocks,
  m006MessageCodes,
];

export { VDC_APPLICATION_ID } from './001-initial';
export { migrate, assertOrdered, latestVersion, type Migration, type MigrationOutcome } from './runner';

/** The workspace store: one SQLite file per workspace. See docs/store.md. */
export { Workspace } from './workspace';
export type { StoreError, StoreErrorCode, StoreResult } from './errors';
export { toStoreError } from './errors';
export { DEFAULT_RETENTION } from './types';
export type * from './types';
export { VDC_APPLICATION_ID, MIGRATIONS, type Migration } from './migrations';
export { setSqliteNativeBinding } from './sqlite';
export type { StoredSnapshot } from './snapshots';
export type { LoggedCommand } from './command-log';

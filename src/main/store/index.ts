/** The workspace store: one SQLite file per workspace. See docs/store.md. */
export { Workspace } from './workspace';
export type { StoreError, StoreErrorCode, StoreResult } from './errors';
export { toStoreError } from './errors';
export { DEFAULT_RETENTION } from './types';
export type * from './types';
export { VDC_APPLICATION_ID, MIGRATIONS, type Migration } from './migrations';
export { setSqliteNativeBinding, sqliteNativeBinding } from './sqlite';
export { copyWorkspaceFile } from './save-as';
export { encodeSnapshotPieces, type StoredSnapshot } from './snapshots';
export type { LoggedCommand } from './command-log';

/** Capacity planning math: pure functions over plain inputs (see docs/capacity.md for every formula). */
export * from './types';
export * from './stats';
export * from './allocation';
export * from './demand';
export * from './headroom';
export * from './forecast';
export * from './final';
export * from './rightsize';
export * from './consolidation';
export * from './failover';
export * from './history';

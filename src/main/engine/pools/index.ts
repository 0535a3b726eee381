/** Resource pools and vApps: records, division of contended capacity, admission, commands, views. */
export type { PoolRec, PoolAlloc, VappRec } from './types';
export type { PoolView, PoolResourceView } from './view';
export { poolViews } from './view';
export { POOL_CPU_SHARES, POOL_MEM_SHARES, POOL_LIMITS } from './alloc';
export { poolQuotas, type PoolQuotaRow, type QuotaRes } from './quota';

/**
 * Resource pools and vApps (issue 20): the pool trees with their allocation, reservation used /
 * unreserved, demand, entitlement and usage. Changes go through `command.execute` (`pool.create`,
 * `pool.configure`, `pool.delete`, `pool.moveVm`, `pool.power`). Merged into ./contract.ts.
 */
import { z } from 'zod';

const Id = z.string().min(1).max(200);

export const PoolResourceViewSchema = z
  .object({
    shares: z.number(),
    sharesLevel: z.string(),
    reservation: z.number(),
    limit: z.number().nullable(),
    expandable: z.boolean(),
    reservationUsed: z.number(),
    unreserved: z.number(),
    demand: z.number(),
    entitlement: z.number(),
    usage: z.number(),
  })
  .strict();

export const PoolViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['root', 'pool', 'vapp']),
    clusterId: z.string(),
    parentId: z.string().nullable(),
    cpu: PoolResourceViewSchema,
    mem: PoolResourceViewSchema,
    vmIds: z.array(z.string()),
    runningVms: z.number(),
    childIds: z.array(z.string()),
    startOrder: z.array(z.object({ vmId: z.string(), delaySec: z.number() }).strict()).nullable(),
    poweringOn: z.boolean(),
  })
  .strict();
export type PoolViewOut = z.output<typeof PoolViewSchema>;

export const poolsContract = {
  /** Pools of one cluster (its root first), or of every cluster that has pools. */
  'pools.list': {
    params: z.object({ clusterId: Id.optional() }).strict(),
    result: z.array(PoolViewSchema),
  },
} as const;

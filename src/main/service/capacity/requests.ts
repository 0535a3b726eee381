/**
 * The capacity analyses a client asks for, as data (one request = one method and its parsed params), and
 * their answers from a capacity context. The same function answers them on the service thread (small
 * simulations) and in a task thread (../off-thread/capacity-tasks.ts) from the live snapshot read in
 * slices (issue 21: building the context alone took the service thread 0.2–0.45 s on the enterprise
 * scenario, a simulated failover seconds).
 */
import type { ParsedParams } from '../../../shared/contract';
import { apiErr, apiOk, type ApiResult } from '../../../shared/errors';
import { DEFAULT_POLICY, type CapPolicy } from '../../engine/capacity';
import { consolidation, forecastRows, headroom, rightsize, summary, type CapCtx } from './analysis';
import { failover } from './failover';
import { compareBranches } from './compare';
import { BranchError } from './whatif';
import * as T from './tables';

export type CapacityRequest =
  | { method: 'capacity.summary'; params: ParsedParams<'capacity.summary'> }
  | { method: 'capacity.headroom'; params: ParsedParams<'capacity.headroom'> }
  | { method: 'capacity.forecast'; params: ParsedParams<'capacity.forecast'> }
  | { method: 'capacity.failover'; params: ParsedParams<'capacity.failover'> }
  | { method: 'capacity.rightsize'; params: ParsedParams<'capacity.rightsize'> }
  | { method: 'capacity.consolidation'; params: ParsedParams<'capacity.consolidation'> }
  /** The table as CSV text (the download, if asked for, is made on the service thread). */
  | {
      method: 'capacity.csv';
      params: Pick<ParsedParams<'capacity.csv'>, 'table' | 'policy'>;
    }
  | { method: 'whatif.compare'; params: { parentPath: string; ids: string[] } };

export type CapacityMethod = CapacityRequest['method'];

/** What each request answers. */
export interface CapacityAnswers {
  'capacity.summary': ReturnType<typeof summary>;
  'capacity.headroom': ReturnType<typeof headroom>;
  'capacity.forecast': ReturnType<typeof forecastRows>;
  'capacity.failover': ReturnType<typeof failover>;
  'capacity.rightsize': ReturnType<typeof rightsize>;
  'capacity.consolidation': ReturnType<typeof consolidation>;
  'capacity.csv': { name: string; text: string };
  'whatif.compare': ReturnType<typeof compareBranches>;
}

const policyOf = (p: CapPolicy | undefined): CapPolicy => p ?? DEFAULT_POLICY;

function csvTable(c: CapCtx, table: ParsedParams<'capacity.csv'>['table'], pol: CapPolicy): T.Table {
  switch (table) {
    case 'allocation':
      return T.allocationTable(summary(c, pol, 86_400).allocation);
    case 'demand':
      return T.demandTable(summary(c, pol, 86_400).demand);
    case 'headroom':
      return T.headroomTable(headroom(c, pol, [], undefined, 86_400).rows);
    case 'forecast':
      return T.forecastTable(
        forecastRows(c, pol, {
          risk: 'conservative',
          horizonDays: 365,
          historyDays: 30,
          growthPctPerMonth: 0,
        }).rows,
      );
    case 'failover':
      return T.failoverTable(failover(c, { method: 'estimate', settleMinutes: 10 }).clusters);
    case 'rightsize':
      return T.rightsizeTable(
        rightsize(c, { windowDays: 7, percentile: 95, bufferPct: 0, limit: 20_000 }).rows,
      );
    case 'consolidation':
      return T.consolidationTable(consolidation(c, 86_400).rows);
  }
}

/** Answers a capacity request from `ctx` (the same on any thread). */
export function answerCapacity<M extends CapacityMethod>(
  ctx: CapCtx,
  request: Extract<CapacityRequest, { method: M }>,
): ApiResult<CapacityAnswers[M]> {
  const r = request as CapacityRequest;
  const out = ((): ApiResult<CapacityAnswers[CapacityMethod]> => {
    switch (r.method) {
      case 'capacity.summary':
        return apiOk(summary(ctx, policyOf(r.params.policy), r.params.windowHours * 3600));
      case 'capacity.headroom': {
        const p = r.params;
        return apiOk(headroom(ctx, policyOf(p.policy), p.profiles ?? [], p.clusterId, p.windowHours * 3600));
      }
      case 'capacity.forecast': {
        const p = r.params;
        return apiOk(
          forecastRows(ctx, policyOf(p.policy), {
            risk: p.risk,
            horizonDays: p.horizonDays,
            historyDays: p.historyDays,
            growthPctPerMonth: p.growthPctPerMonth,
            clusterId: p.clusterId,
          }),
        );
      }
      case 'capacity.failover': {
        const p = r.params;
        return apiOk(
          failover(ctx, { clusterId: p.clusterId, method: p.method, settleMinutes: p.settleMinutes }),
        );
      }
      case 'capacity.rightsize':
        return apiOk(rightsize(ctx, r.params));
      case 'capacity.consolidation':
        return apiOk(consolidation(ctx, r.params.windowHours * 3600));
      case 'capacity.csv': {
        const text = T.csvOf(csvTable(ctx, r.params.table, policyOf(r.params.policy)));
        return apiOk({ name: `capacity-${r.params.table}.csv`, text });
      }
      case 'whatif.compare':
        try {
          return apiOk(compareBranches(r.params.parentPath, r.params.ids, ctx));
        } catch (e) {
          if (e instanceof BranchError) return apiErr(e.code, e.message);
          throw e;
        }
    }
  })();
  return out as ApiResult<CapacityAnswers[M]>;
}

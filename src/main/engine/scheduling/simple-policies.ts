/**
 * The classic bin-packing placement policies (as in CloudSim Plus's VmAllocationPolicyFirstFit / BestFit /
 * WorstFit / RoundRobin [C1]), on top of the same filter chain as the Nova scheduler, so they honour every
 * rule, reservation, allocation ratio and reachability constraint. "Fill" is the allocation view of
 * capacity.ts: the larger of vCPUs / (cores × ratio) and configured memory / (usable × ratio) after
 * the guest is added.
 *  - first-fit:   the first host in inventory order that passes;
 *  - best-fit:    the host left fullest (highest fill after placement: tightest fit, packs);
 *  - worst-fit:   the host left emptiest (lowest fill: spreads);
 *  - round-robin: hosts in turn; the turn is the number of guests already running in scope, so it needs no
 *                 hidden state and survives snapshots (CloudSim keeps a cursor instead).
 * Ties go to the earlier host.
 */
import { allocatedFraction, allocation } from './capacity';
import {
  rejected,
  summarise,
  summaryOf,
  type ExplainedDecision,
  type ExplainedVerdict,
  type SchedRequest,
} from './explain';
import { hostsInScope, prepareInput, runFilters } from './nova/filters';
import type { PlacementContext } from './types';
import type { HostRec } from '../world/types';
import { msg, type MsgCode } from '../messages';

type Scorer = (
  ctx: PlacementContext,
  req: SchedRequest,
  host: HostRec,
  index: number,
  count: number,
  cursor: number,
) => { score: number; label: string; raw: number };

/** The scorers' labels as message codes (the placement explanation in the console's languages). */
const LABEL_CODES: Record<string, MsgCode> = {
  'inventory position': 'weigher.inventoryPosition',
  'fill after placement': 'weigher.fillAfter',
  'free after placement': 'weigher.freeAfter',
  'turns until this host': 'weigher.turnsUntil',
};

function decide(policy: string, ctx: PlacementContext, req: SchedRequest, scorer: Scorer): ExplainedDecision {
  const fi = prepareInput(ctx.world, ctx.book, req);
  const hosts = hostsInScope(ctx.world, req);
  let cursor = 0;
  if (policy === 'round-robin' && hosts.length > 0) {
    let running = 0;
    for (const h of hosts) running += ctx.book.load(h.id).runningVms;
    cursor = running % hosts.length;
  }
  const verdicts: ExplainedVerdict[] = [];
  let best: ExplainedVerdict | null = null;
  hosts.forEach((host, i) => {
    const r = runFilters(fi, host);
    if (r) {
      verdicts.push(rejected(host.id, host.name, r.filter, r.reason, r.reasonMsg));
      return;
    }
    const s = scorer(ctx, req, host, i, hosts.length, cursor);
    const v: ExplainedVerdict = {
      hostId: host.id,
      hostName: host.name,
      eligible: true,
      score: s.score,
      reasons: [`${s.label} ${s.raw.toFixed(3)}`],
      reasonMsgs: [
        msg('place.weighed', {
          label: LABEL_CODES[s.label] ? msg(LABEL_CODES[s.label]!) : s.label,
          raw: s.raw.toFixed(3),
        }),
      ],
      rejectedBy: null,
      weights: [{ weigher: s.label, raw: s.raw, normalised: s.score, multiplier: 1, weighted: s.score }],
    };
    verdicts.push(v);
    if (!best || v.score > best.score + 1e-12) best = v;
  });
  return {
    hostId: best ? (best as ExplainedVerdict).hostId : null,
    policy,
    verdicts,
    summary: summarise(policy, verdicts, best),
    summaryMsg: summaryOf(policy, verdicts, best),
  };
}

function fill(ctx: PlacementContext, req: SchedRequest, host: HostRec): number {
  return allocatedFraction(
    allocation(ctx.world, ctx.book, host),
    req.guest.vcpus,
    req.guest.isContainer ? 0 : req.guest.memMiB,
  );
}

export function firstFit(ctx: PlacementContext, req: SchedRequest): ExplainedDecision {
  return decide('first-fit', ctx, req, (_c, _r, _h, i, n) => ({
    score: (n - i) / n,
    label: 'inventory position',
    raw: i + 1,
  }));
}

export function bestFit(ctx: PlacementContext, req: SchedRequest): ExplainedDecision {
  return decide('best-fit', ctx, req, (c, r, h) => {
    const f = fill(c, r, h);
    return { score: f, label: 'fill after placement', raw: f };
  });
}

export function worstFit(ctx: PlacementContext, req: SchedRequest): ExplainedDecision {
  return decide('worst-fit', ctx, req, (c, r, h) => {
    const f = fill(c, r, h);
    return { score: 1 - f, label: 'free after placement', raw: 1 - f };
  });
}

export function roundRobin(ctx: PlacementContext, req: SchedRequest): ExplainedDecision {
  return decide('round-robin', ctx, req, (_c, _r, _h, i, n, cursor) => {
    const turn = (i - cursor + n) % n;
    return { score: (n - turn) / n, label: 'turns until this host', raw: turn };
  });
}

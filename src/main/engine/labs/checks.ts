/** Evaluation of one check rule on one observation. Pure and deterministic. */
import type { Cmp, CheckRule } from './types';
import { idsWithin, metricValues, type Observation } from './observe';

export interface RuleContext {
  /** The observation at the first tick of the lab (baselines). */
  start: Observation;
  /** Types of the commands the learner issued so far, in order. */
  userCommandTypes: readonly string[];
  /** Engine events raised since the start, counted by type. */
  eventCounts: ReadonlyMap<string, number>;
}

export interface RuleValue {
  holds: boolean;
  /** The measured value (null when nothing could be measured, e.g. no entity of that kind). */
  value: number | null;
}

export function compare(a: number, op: Cmp, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return Math.abs(a - b) < 1e-9;
    default: {
      const never: never = op;
      throw new Error(`unknown comparison ${String(never)}`);
    }
  }
}

export function aggregate(values: readonly number[], how: 'max' | 'min' | 'avg' | 'sum'): number | null {
  if (values.length === 0) return null;
  switch (how) {
    case 'max':
      return Math.max(...values);
    case 'min':
      return Math.min(...values);
    case 'sum':
      return values.reduce((s, v) => s + v, 0);
    case 'avg':
      return values.reduce((s, v) => s + v, 0) / values.length;
    default: {
      const never: never = how;
      throw new Error(`unknown aggregate ${String(never)}`);
    }
  }
}

function countOf(obs: Observation, rule: Extract<CheckRule, { kind: 'count' }>): number {
  const ids = idsWithin(obs, rule.entityKind, rule.withinId);
  if (!rule.states) return ids.length;
  return ids.filter((id) => rule.states!.includes(obs.nodes.get(id)?.state ?? '')).length;
}

export function evaluateRule(rule: CheckRule, obs: Observation, ctx: RuleContext): RuleValue {
  switch (rule.kind) {
    case 'metric': {
      const now = aggregate(metricValues(obs, rule.entityKind, rule.withinId, rule.metric), rule.aggregate);
      if (now === null) return { holds: false, value: null };
      let value = now;
      if (rule.baseline === 'start') {
        const base = aggregate(
          metricValues(ctx.start, rule.entityKind, rule.withinId, rule.metric),
          rule.aggregate,
        );
        if (base === null || base === 0) return { holds: false, value: null };
        value = (100 * now) / base;
      }
      return { holds: compare(value, rule.op, rule.value), value };
    }
    case 'count': {
      const now = countOf(obs, rule);
      const value = rule.baseline === 'start' ? now - countOf(ctx.start, rule) : now;
      return { holds: compare(value, rule.op, rule.value), value };
    }
    case 'noCommand': {
      const used = ctx.userCommandTypes.filter((t) => rule.commandTypes.includes(t as never)).length;
      return { holds: used === 0, value: used };
    }
    case 'events': {
      let n = 0;
      for (const [type, count] of ctx.eventCounts) if (type.startsWith(rule.eventType)) n += count;
      return { holds: compare(n, rule.op, rule.value), value: n };
    }
    default: {
      const never: never = rule;
      throw new Error(`unknown check ${JSON.stringify(never)}`);
    }
  }
}

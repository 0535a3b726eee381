/** One look at the engine for check evaluation: the inventory and the latest metric values. */
import type { MetricBlock, MetricCatalog, MetricEntityKind } from '../api';
import { flattenInventory, isWithin, type FlatNode } from '../storyline/world-view';
import type { SimEngine } from '../storyline/types';

export interface Observation {
  time: number;
  nodes: Map<string, FlatNode>;
  /** metrics[kind][entityId][metric] */
  metrics: Record<string, Record<string, Record<string, number>>>;
}

export function observe(
  engine: Pick<SimEngine, 'time' | 'inventory' | 'catalog'>,
  blocks: readonly MetricBlock[],
): Observation {
  return {
    time: engine.time,
    nodes: flattenInventory(engine.inventory()),
    metrics: metricsOf(blocks, engine.catalog()),
  };
}

export function metricsOf(blocks: readonly MetricBlock[], catalog: MetricCatalog): Observation['metrics'] {
  const out: Observation['metrics'] = {};
  for (const b of blocks) {
    const names = (catalog[b.kind] ?? []).map((d) => d.name);
    const n = b.ids.length;
    const rows: Record<string, Record<string, number>> = {};
    b.ids.forEach((id, e) => {
      const row: Record<string, number> = {};
      names.forEach((name, m) => (row[name] = b.values[m * n + e] ?? 0));
      rows[id] = row;
    });
    out[b.kind] = rows;
  }
  return out;
}

/** Ids of the entities of a kind under `withinId` (all of that kind when absent), in tree order. */
export function idsWithin(obs: Observation, kind: string, withinId: string | undefined): string[] {
  const out: string[] = [];
  for (const n of obs.nodes.values()) {
    if (n.kind === kind && (withinId === undefined || isWithin(obs.nodes, n.id, withinId))) out.push(n.id);
  }
  return out;
}

/** Values of one metric over entities of a kind under `withinId`; entities without metrics are skipped. */
export function metricValues(
  obs: Observation,
  kind: MetricEntityKind,
  withinId: string | undefined,
  metric: string,
): number[] {
  const rows = obs.metrics[kind] ?? {};
  let ids =
    kind === 'cluster' && withinId !== undefined && rows[withinId]
      ? [withinId]
      : idsWithin(obs, kind, withinId);
  // Kinds the Hosts & Clusters tree does not hold (datastores): every entity with metrics.
  if (ids.length === 0 && ![...obs.nodes.values()].some((n) => n.kind === kind)) {
    ids = Object.keys(rows).filter((id) => withinId === undefined || id === withinId);
  }
  const values: number[] = [];
  for (const id of ids) {
    const v = rows[id]?.[metric];
    if (v !== undefined) values.push(v);
  }
  return values;
}

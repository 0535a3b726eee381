/**
 * A realistic value profile for benches: per metric, whether it varies every tick, stays constant
 * (capacities, granted memory, provisioned disk), or is 0 on a healthy cluster (ballooned, swapped,
 * compressed, swap wait). Names follow the engine catalog; unknown names vary.
 */
import type { MetricCatalog, MetricEntityKind } from '../../engine/api';
import type { ValueFn } from './synth';

type Shape = 'vary' | 'const' | 'zero' | 'slow';

function shapeOf(name: string): Shape {
  if (/ballooned|compressed|swapped|swapwait|vmotion|restarts|throttled/.test(name)) return 'zero';
  if (/capacity|granted|provisioned|mem\.state|shared/.test(name)) return 'const';
  if (/disk\.used|consumed|vms\.|hosts\.|containers\.|energy/.test(name)) return 'slow';
  return 'vary';
}

/** Cheap deterministic noise in [0, 1). */
function noise(a: number, b: number, c: number): number {
  let h = (a * 2654435761) ^ (b * 40503) ^ (c * 97 + 0x9e3779b9);
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

export function realisticValues(catalog: MetricCatalog): ValueFn {
  const shapes = new Map<MetricEntityKind, Shape[]>();
  for (const kind of Object.keys(catalog) as MetricEntityKind[])
    shapes.set(
      kind,
      catalog[kind].map((d) => shapeOf(d.name)),
    );
  return (kind, e, i, tick) => {
    const base = 100 + (e % 97) * 10 + i * 50;
    switch (shapes.get(kind)?.[i] ?? 'vary') {
      case 'zero':
        return 0;
      case 'const':
        return base * 8;
      case 'slow':
        return base + Math.floor(tick / 180);
      case 'vary':
        return base * (0.5 + noise(e, i, tick));
    }
  };
}

/** Keeps the last tick's metric blocks and answers "latest values of entity X". */
import type { MetricBlock, MetricCatalog, MetricEntityKind } from '../api';

export class LatestMetrics {
  private blocks = new Map<MetricEntityKind, { block: MetricBlock; index: Map<string, number> }>();

  constructor(private readonly catalog: MetricCatalog) {}

  /** True once a tick's blocks were kept (false for a just created or restored engine). */
  get filled(): boolean {
    return this.blocks.size > 0;
  }

  /** The blocks kept, one per kind. */
  kept(): MetricBlock[] {
    return [...this.blocks.values()].map((e) => e.block);
  }

  update(blocks: MetricBlock[]): void {
    for (const b of blocks) {
      const prev = this.blocks.get(b.kind);
      const index = prev && prev.block.ids === b.ids ? prev.index : new Map(b.ids.map((id, i) => [id, i]));
      this.blocks.set(b.kind, { block: b, index });
    }
  }

  /** Latest values of one entity by metric name, or undefined before the first tick / for unknown ids. */
  of(kind: MetricEntityKind, id: string): Record<string, number> | undefined {
    const entry = this.blocks.get(kind);
    if (!entry) return undefined;
    const e = entry.index.get(id);
    if (e === undefined) return undefined;
    const n = entry.block.ids.length;
    const out: Record<string, number> = {};
    this.catalog[kind].forEach((m, i) => {
      out[m.name] = entry.block.values[i * n + e] ?? 0;
    });
    return out;
  }

  find(id: string): Record<string, number> | undefined {
    for (const kind of this.blocks.keys()) {
      const v = this.of(kind, id);
      if (v) return v;
    }
    return undefined;
  }
}

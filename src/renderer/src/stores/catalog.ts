/** The metric catalog (`meta.catalog`): metric names and units per entity kind. */
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { MetricCatalogView } from '@shared/schemas/views';
import { useApi } from '@renderer/api';

export type MetricDef = MetricCatalogView[keyof MetricCatalogView][number];

export const useCatalogStore = defineStore('catalog', () => {
  const api = useApi();
  const catalog = shallowRef<Partial<MetricCatalogView>>({});

  async function load(): Promise<void> {
    const r = await api.call('meta.catalog', {});
    if (r.ok) catalog.value = r.value;
  }

  /** The metrics of a kind; none for kinds without metrics (datacenter, network, service). */
  function metricsFor(kind: string): readonly MetricDef[] {
    return (catalog.value as Readonly<Record<string, readonly MetricDef[] | undefined>>)[kind] ?? [];
  }

  function unitOf(kind: string, metric: string): string {
    return metricsFor(kind).find((m) => m.name === metric)?.unit ?? '';
  }

  return { catalog, load, metricsFor, unitOf };
});

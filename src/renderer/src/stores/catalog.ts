/** The metric catalog (`meta.catalog`): metric names and units per entity kind. */
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { MetricCatalogView } from '@shared/schemas/views';
import { api } from '@renderer/api';

export type MetricDef = MetricCatalogView[string][number];

export const useCatalogStore = defineStore('catalog', () => {
  const catalog = shallowRef<MetricCatalogView>({});

  async function load(): Promise<void> {
    const r = await api.call('meta.catalog', {});
    if (r.ok) catalog.value = r.value;
  }

  function metricsFor(kind: string): MetricDef[] {
    return catalog.value[kind] ?? [];
  }

  function unitOf(kind: string, metric: string): string {
    return metricsFor(kind).find((m) => m.name === metric)?.unit ?? '';
  }

  return { catalog, load, metricsFor, unitOf };
});

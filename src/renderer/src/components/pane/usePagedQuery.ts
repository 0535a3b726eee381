/** Loads a paged query and reloads it (debounced) when a push says something changed. */
import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import type { PushName } from '@shared/methods';
import { api } from '@renderer/api';

export function usePagedQuery<Row>(
  load: (offset: number, limit: number) => Promise<{ total: number; rows: Row[] } | null>,
  deps: Ref<unknown>[],
  pushes: PushName[],
  pageSize: Ref<number>,
) {
  const rows = shallowRef<Row[]>([]);
  const total = ref(0);
  const page = ref(1);
  const loading = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function reload(): Promise<void> {
    loading.value = true;
    const r = await load((page.value - 1) * pageSize.value, pageSize.value);
    loading.value = false;
    if (r) {
      rows.value = r.rows;
      total.value = r.total;
    }
  }
  function soon(): void {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void reload();
    }, 400);
  }
  watch(deps, () => {
    page.value = 1;
    void reload();
  }, { immediate: true });
  watch(page, () => void reload());
  const stops = pushes.map((p) => api.on(p, soon));
  onBeforeUnmount(() => {
    for (const s of stops) s();
    if (timer) clearTimeout(timer);
  });
  return { rows, total, page, loading, reload };
}

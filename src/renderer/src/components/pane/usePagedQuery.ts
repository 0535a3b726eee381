/**
 * Loads a paged query and reloads it when a push says something changed: at most once a second and
 * without the loading mask (at high speed pushes arrive every 250 ms; the table just swaps rows).
 */
import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import type { PushName } from '@shared/methods';
import { useApi } from '@renderer/api';

export function usePagedQuery<Row>(
  load: (offset: number, limit: number) => Promise<{ total: number; rows: Row[] } | null>,
  deps: Ref<unknown>[],
  pushes: PushName[],
  pageSize: Ref<number>,
) {
  const api = useApi();
  const rows = shallowRef<Row[]>([]);
  const total = ref(0);
  const page = ref(1);
  const loading = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function reload(background = false): Promise<void> {
    if (!background) loading.value = true;
    const r = await load((page.value - 1) * pageSize.value, pageSize.value);
    if (!background) loading.value = false;
    if (r) {
      rows.value = r.rows;
      total.value = r.total;
    }
  }
  function soon(): void {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      void reload(true);
    }, 1000);
  }
  watch(
    deps,
    () => {
      page.value = 1;
      void reload();
    },
    { immediate: true },
  );
  watch(page, () => void reload());
  const stops = pushes.map((p) => api.on(p, soon));
  onBeforeUnmount(() => {
    for (const s of stops) s();
    if (timer) clearTimeout(timer);
  });
  return { rows, total, page, loading, reload: () => reload() };
}

/** Loads `entity.describe` for an id and refreshes it at most every second while ticks arrive. */
import { onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import type { EntityDetailView } from '@shared/schemas/views';
import type { ApiError } from '@shared/errors';
import { useApi } from '@renderer/api';
import { useUiStore } from '@renderer/stores/ui';

export function useEntityDetail(id: Ref<string | null>) {
  const api = useApi();
  const detail = shallowRef<EntityDetailView | null>(null);
  const error = ref<ApiError | null>(null);
  let lastLoad = 0;
  let inFlight = false;

  async function load(): Promise<void> {
    const current = id.value;
    if (!current) {
      detail.value = null;
      return;
    }
    inFlight = true;
    lastLoad = Date.now();
    const r = await api.call('entity.describe', { id: current });
    inFlight = false;
    if (current !== id.value) return;
    if (r.ok) {
      detail.value = r.value;
      error.value = null;
    } else {
      error.value = r.error;
    }
  }

  watch(
    id,
    () => {
      detail.value = null;
      void load();
    },
    { immediate: true },
  );

  // A command just changed something (e.g. cluster settings while paused): reload now.
  const ui = useUiStore();
  watch(
    () => ui.changed,
    () => void load(),
  );

  const stopTick = api.on('tick', () => {
    if (!inFlight && Date.now() - lastLoad > 1000) void load();
  });
  // Events mark changes (state, placement): reload soon, but not more than once every 500 ms.
  const stopEvents = api.on('events', () => {
    if (!inFlight && Date.now() - lastLoad > 500) void load();
  });
  onBeforeUnmount(() => {
    stopTick();
    stopEvents();
  });

  return { detail, error, reload: load };
}

/** The simulation clock: state from `clock.get` and the `clock` push; play, pause, step, speed. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ClockState } from '@shared/schemas/views';
import type { ApiError, ApiResult } from '@shared/errors';
import type { ResultOf } from '@shared/contract';
import { useApi } from '@renderer/api';

export type Speed = ClockState['speed'];
export const SPEEDS: readonly Speed[] = [1, 2, 5, 10, 30, 60, 100, 300, 1000, 3000, 10_000, 'max'];

export const useClockStore = defineStore('clock', () => {
  const api = useApi();
  const state = ref<ClockState | null>(null);
  const lastError = ref<ApiError | null>(null);

  const simEpochMs = computed(() =>
    state.value ? state.value.startEpochMs + state.value.time * 1000 : null,
  );
  const running = computed(() => state.value?.running ?? false);

  function apply(r: ApiResult<ResultOf<'clock.get'>>): boolean {
    if (r.ok) {
      state.value = r.value;
      lastError.value = null;
      return true;
    }
    lastError.value = r.error;
    return false;
  }

  async function load(): Promise<void> {
    apply(await api.call('clock.get', {}));
  }
  async function play(): Promise<boolean> {
    return apply(await api.call('clock.play', {}));
  }
  async function pause(): Promise<boolean> {
    return apply(await api.call('clock.pause', {}));
  }
  async function step(ticks = 1): Promise<boolean> {
    return apply(await api.call('clock.step', { ticks }));
  }
  async function setSpeed(speed: Speed): Promise<boolean> {
    return apply(await api.call('clock.setSpeed', { speed }));
  }

  api.on('clock', (s) => {
    state.value = s;
  });
  api.onReconnect(() => void load());

  return { state, lastError, simEpochMs, running, load, play, pause, step, setSpeed };
});

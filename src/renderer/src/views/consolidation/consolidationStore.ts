/**
 * State of the consolidation view: the policies, the current run (its timeline grows with the
 * `consolidation` push), the finished runs for comparison, and the timelines of the runs this console
 * watched (kept client-side for overlaying on the charts). Timelines are plain (markRaw) arrays.
 */
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef, watch } from 'vue';
import type { Params } from '@shared/contract';
import type {
  ConsolidationFinishedView,
  ConsolidationPoint,
  ConsolidationPolicyInfo,
  ConsolidationPush,
  ConsolidationRunView,
} from '@shared/contract-consolidation';
import type { ApiError, ApiResult } from '@shared/errors';
import { useApi } from '@renderer/api';

const SAVED_DIR_KEY = 'vdc.consolidation.workloadDir';
function readSaved(): string {
  try {
    return localStorage.getItem(SAVED_DIR_KEY) ?? '';
  } catch {
    return '';
  }
}

/** How many earlier runs the charts overlay. */
export const OVERLAY_RUNS = 4;

export const useConsolidationStore = defineStore('consolidation', () => {
  const api = useApi();
  const policies = ref<ConsolidationPolicyInfo[]>([]);
  const run = shallowRef<ConsolidationRunView | null>(null);
  const finished = ref<ConsolidationFinishedView[]>([]);
  /** Timelines by run id (only runs whose whole timeline this console has). */
  const timelines = shallowRef<Record<string, { label: string; points: ConsolidationPoint[] }>>({});
  const lastError = ref<ApiError | null>(null);
  const busy = ref(false);
  /** Bumped whenever the current timeline grows (charts rebuild on it). */
  const version = ref(0);
  let listening = false;
  /** The form's values survive closing the view; the folder also survives a reload. */
  const form = ref({
    workloadDir: readSaved(),
    policy: 'lr-mmt',
    param: null as number | null,
    native: false,
    seed: 1 as number | null,
  });
  watch(
    () => form.value.workloadDir,
    (dir) => {
      try {
        localStorage.setItem(SAVED_DIR_KEY, dir);
      } catch {
        // storage unavailable: the folder is simply not remembered
      }
    },
  );

  function take<T>(r: ApiResult<T>): T | null {
    if (r.ok) return r.value;
    lastError.value = r.error;
    return null;
  }

  function setRun(v: ConsolidationRunView | null): void {
    run.value = v ? { ...v, timeline: markRaw(v.timeline.slice()) } : null;
    version.value++;
  }

  function remember(v: ConsolidationRunView): void {
    if (v.status !== 'done') return;
    const label = `${v.policy}${v.mode === 'native' ? ' (native)' : ''}`;
    timelines.value = { ...timelines.value, [v.runId]: { label, points: markRaw(v.timeline.slice()) } };
  }

  async function refresh(): Promise<void> {
    const s = take(await api.call('consolidation.state', {}));
    if (!s) return;
    setRun(s.run);
    if (s.run) remember(s.run);
    finished.value = s.finished;
  }

  function onPush(p: ConsolidationPush): void {
    const cur = run.value;
    if (!cur || cur.runId !== p.runId || cur.timeline.length !== p.from) {
      void refresh();
      return;
    }
    for (const point of p.points) cur.timeline.push(point);
    run.value = { ...cur, status: p.status, progress: p.progress, result: p.result, error: p.error };
    version.value++;
    if (p.status === 'done') {
      remember(run.value);
      void refresh();
    }
  }

  async function load(): Promise<void> {
    if (!listening) {
      listening = true;
      api.on('consolidation', onPush);
      api.onReconnect(() => void refresh());
    }
    policies.value = take(await api.call('consolidation.policies', {})) ?? policies.value;
    await refresh();
  }

  async function start(params: Params<'consolidation.start'>): Promise<boolean> {
    busy.value = true;
    lastError.value = null;
    try {
      const r = take(await api.call('consolidation.start', params));
      if (r) setRun(r);
      return r !== null;
    } finally {
      busy.value = false;
    }
  }

  async function cancel(): Promise<void> {
    const r = take(await api.call('consolidation.cancel', {}));
    if (r) setRun(r);
  }

  async function clear(): Promise<void> {
    const r = await api.call('consolidation.clear', {});
    if (!r.ok) {
      lastError.value = r.error;
      return;
    }
    finished.value = [];
    timelines.value = {};
  }

  /** Earlier runs to overlay: the newest finished ones this console has timelines for, not the current one. */
  function overlays(): { label: string; points: ConsolidationPoint[] }[] {
    const currentId = run.value?.runId;
    return finished.value
      .filter((f) => f.runId !== currentId && timelines.value[f.runId])
      .slice(-OVERLAY_RUNS)
      .map((f) => timelines.value[f.runId]!);
  }

  return {
    form,
    policies,
    run,
    finished,
    timelines,
    lastError,
    busy,
    version,
    load,
    refresh,
    start,
    cancel,
    clear,
    overlays,
  };
});

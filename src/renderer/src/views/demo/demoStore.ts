/** State of the demo views: the running storyline or lab, the latest caption, presenter mode. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ResultOf } from '@shared/contract';
import type { ApiError, ApiResult } from '@shared/errors';
import { useApi } from '@renderer/api';

export type StorylineState = NonNullable<ResultOf<'storyline.state'>>;
export type LabState = NonNullable<ResultOf<'lab.state'>>;
export type StorylineInfo = ResultOf<'storyline.list'>[number];
export type LabInfo = ResultOf<'lab.list'>[number];
export type Caption = NonNullable<StorylineState['caption']>;

export const useDemoStore = defineStore('demo', () => {
  const api = useApi();
  const storylines = ref<StorylineInfo[]>([]);
  const labs = ref<LabInfo[]>([]);
  const story = ref<StorylineState | null>(null);
  const lab = ref<LabState | null>(null);
  const caption = ref<Caption | null>(null);
  const presenting = ref(false);
  const lastError = ref<ApiError | null>(null);
  const busy = ref(false);

  function take<T>(r: ApiResult<T>): T | null {
    if (r.ok) {
      lastError.value = null;
      return r.value;
    }
    lastError.value = r.error;
    return null;
  }

  async function load(): Promise<void> {
    storylines.value = take(await api.call('storyline.list', {})) ?? storylines.value;
    labs.value = take(await api.call('lab.list', {})) ?? labs.value;
    story.value = take(await api.call('storyline.state', {}));
    lab.value = take(await api.call('lab.state', {}));
    caption.value = story.value?.caption ?? null;
  }

  async function run<T>(fn: () => Promise<ApiResult<T>>): Promise<T | null> {
    busy.value = true;
    try {
      return take(await fn());
    } finally {
      busy.value = false;
    }
  }

  async function startStoryline(
    params: { id: string } | { storyline: unknown },
    present = false,
  ): Promise<boolean> {
    const s = await run(() => api.call('storyline.start', { ...params, play: true }));
    if (!s) return false;
    story.value = s;
    lab.value = null;
    caption.value = s.caption;
    if (present) presenting.value = true;
    return true;
  }

  async function control(action: 'play' | 'pause' | 'next' | 'restart' | 'stop'): Promise<void> {
    const s = await run(() => api.call('storyline.control', { action }));
    if (lastError.value) return;
    story.value = s;
    caption.value = s?.caption ?? null;
    if (action === 'stop') presenting.value = false;
  }

  async function refreshStory(): Promise<void> {
    const s = take(await api.call('storyline.state', {}));
    story.value = s;
  }

  async function startLab(params: { id: string } | { lab: unknown }): Promise<boolean> {
    // Labs start paused: the learner reads the goal first, then presses Play.
    const l = await run(() => api.call('lab.start', { ...params, play: false }));
    if (!l) return false;
    lab.value = l;
    story.value = null;
    caption.value = null;
    return true;
  }

  async function hint(): Promise<void> {
    lab.value = (await run(() => api.call('lab.hint', {}))) ?? lab.value;
  }

  async function reset(): Promise<void> {
    if (await run(() => api.call('demo.reset', {}))) await load();
  }
  async function branch(): Promise<boolean> {
    return (await run(() => api.call('demo.branch', {}))) !== null;
  }
  async function back(): Promise<boolean> {
    const ok = (await run(() => api.call('demo.return', {}))) !== null;
    if (ok) await load();
    return ok;
  }

  /** Desktop: a native save dialog, then the service writes the file; browser: a real download. Null when cancelled. */
  async function exportRecording(): Promise<ResultOf<'recording.export'> | null> {
    busy.value = true;
    try {
      const r = await api.saveFile(
        'recording.export',
        {},
        { purpose: 'recording', suggestedName: 'recording.storyline.json' },
      );
      return r ? take(r) : null;
    } finally {
      busy.value = false;
    }
  }
  async function verifyRecording(): Promise<ResultOf<'recording.verify'> | null> {
    return run(() => api.call('recording.verify', {}));
  }

  api.on('caption', (c) => {
    caption.value = c;
    void refreshStory();
  });
  api.on('lab', (l) => {
    lab.value = l;
  });
  api.on('clock', () => {
    if (story.value) void refreshStory();
  });
  api.on('workspace', () => void load());

  return {
    storylines,
    labs,
    story,
    lab,
    caption,
    presenting,
    lastError,
    busy,
    load,
    startStoryline,
    control,
    startLab,
    hint,
    reset,
    branch,
    back,
    exportRecording,
    verifyRecording,
  };
});

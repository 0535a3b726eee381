/**
 * Live values from the `tick` push. Keeps non-reactive ring buffers (charts read plain arrays, never
 * proxies) and merges every view's wishes into one `live.subscribe` call.
 */
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { PushPayload } from '@shared/contract';
import { useApi } from '@renderer/api';
import { useClockStore } from './clock';

export type TickPush = PushPayload<'tick'>;
export type Point = { x: number; y: number };
export type TickListener = (tick: TickPush, simEpochMs: number) => void;

const MAX_ENTITIES = 500;
const MAX_METRICS = 50;
/** Points kept per live series (the Realtime range). */
export const LIVE_BUFFER_POINTS = 720;

export const useLiveStore = defineStore('live', () => {
  const api = useApi();
  /** Latest tick (shallow: replaced, never mutated). */
  const last = shallowRef<TickPush | null>(null);
  const clock = useClockStore();
  const wishes = markRaw(new Map<string, { entityIds: string[]; metrics: string[] }>());
  const listeners = markRaw(new Set<TickListener>());
  /** Plain ring buffers: key `${entityId}|${metric}` or `totals|${name}`. */
  const buffers = markRaw(new Map<string, Point[]>());
  let pending: ReturnType<typeof setTimeout> | null = null;
  /** Bumped whenever the buffers are emptied (another workspace opened): charts rebuild their data. */
  const epoch = ref(0);

  function push(key: string, p: Point): void {
    let b = buffers.get(key);
    if (!b) {
      b = [];
      buffers.set(key, b);
    }
    b.push(p);
    if (b.length > LIVE_BUFFER_POINTS) b.splice(0, b.length - LIVE_BUFFER_POINTS);
  }

  function onTick(t: TickPush): void {
    const x = (clock.state?.startEpochMs ?? 0) + t.time * 1000;
    for (const [name, v] of Object.entries(t.totals)) push(`totals|${name}`, { x, y: v });
    for (const [id, metrics] of Object.entries(t.values)) {
      for (const [m, v] of Object.entries(metrics)) push(`${id}|${m}`, { x, y: v });
    }
    last.value = t;
    for (const l of listeners) l(t, x);
  }

  function flushSubscription(): void {
    pending = null;
    const ids = new Set<string>();
    const metrics = new Set<string>();
    for (const w of wishes.values()) {
      for (const id of w.entityIds) ids.add(id);
      for (const m of w.metrics) metrics.add(m);
    }
    void api.call('live.subscribe', {
      entityIds: [...ids].slice(0, MAX_ENTITIES),
      metrics: [...metrics].slice(0, MAX_METRICS),
    });
  }

  function scheduleSubscription(): void {
    if (pending === null) pending = setTimeout(flushSubscription, 30);
  }

  /** Declares what a view needs live; returns the function that withdraws it. */
  function want(owner: string, entityIds: string[], metrics: string[]): () => void {
    wishes.set(owner, { entityIds, metrics });
    scheduleSubscription();
    return () => {
      wishes.delete(owner);
      scheduleSubscription();
    };
  }

  function onTickListener(l: TickListener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  }

  /** A copy of a buffer (plain objects, safe for chart.js). */
  function series(key: string): Point[] {
    return (buffers.get(key) ?? []).map((p) => ({ x: p.x, y: p.y }));
  }

  function clear(): void {
    buffers.clear();
    last.value = null;
    epoch.value++;
  }

  api.on('tick', onTick);
  // Another workspace (File › New, Open, a demo): its times start over, so nothing of the old one may stay.
  api.on('workspace', () => clear());
  api.onReconnect(() => scheduleSubscription());

  return { last, epoch, want, onTick: onTickListener, series, clear };
});

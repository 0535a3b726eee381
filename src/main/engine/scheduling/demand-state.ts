/**
 * The DRS/DPM demand history (demand-window.ts) as plain JSON for snapshots, and back: a restored engine
 * continues bit-identically (JSON numbers round-trip exactly).
 */
import type { World } from '../world/world';
import {
  DemandHistory,
  demandHistory,
  HOST_SLOTS,
  setDemandHistory,
  type GuestSeries,
} from './demand-window';

/** The history as plain JSON data for a snapshot (numbers round-trip exactly), or null when none. */
export interface DemandState {
  vms: SeriesState;
  containers: SeriesState;
  hostIds: string[];
  ringCpu: number[];
  ringMem: number[];
  ringTicks: number[];
  head: number;
  openTicks: number;
}
interface SeriesState {
  ids: string[];
  openCpu: number[];
  openMem: number[];
  openCnt: number[];
  lastCpu: number[];
  lastMem: number[];
  lastCnt: number[];
}
const SERIES_FIELDS = ['openCpu', 'openMem', 'openCnt', 'lastCpu', 'lastMem', 'lastCnt'] as const;

function seriesState(s: GuestSeries): SeriesState {
  const n = s.ids.length;
  const out = { ids: [...s.ids] } as SeriesState;
  for (const f of SERIES_FIELDS) out[f] = Array.from(s[f].subarray(0, n));
  return out;
}

export function demandState(w: Readonly<World>): DemandState | null {
  const h = demandHistory(w);
  if (!h) return null;
  return {
    vms: seriesState(h.vms),
    containers: seriesState(h.containers),
    hostIds: [...h.hostIds],
    ringCpu: Array.from(h.ringCpu),
    ringMem: Array.from(h.ringMem),
    ringTicks: Array.from(h.ringTicks),
    head: h.head,
    openTicks: h.openTicks,
  };
}

const isNums = (x: unknown, n: number): x is number[] =>
  Array.isArray(x) && x.length === n && x.every((v) => typeof v === 'number' && Number.isFinite(v));
const isIds = (x: unknown): x is string[] => Array.isArray(x) && x.every((v) => typeof v === 'string');

function restoreSeries(s: GuestSeries, raw: unknown): boolean {
  const r = raw as Partial<SeriesState> | null;
  if (!r || !isIds(r.ids)) return false;
  const n = r.ids.length;
  for (const f of SERIES_FIELDS) if (!isNums(r[f], n)) return false;
  s.ids = [...r.ids];
  s.index = new Map(s.ids.map((id, i) => [id, i]));
  for (const f of SERIES_FIELDS) {
    s[f] = new Float64Array(Math.max(16, n));
    s[f].set(r[f]!);
  }
  return true;
}

/**
 * Puts a snapshot's history beside a restored world. A missing or malformed state (an older checkpoint)
 * leaves the world without history: the next ticks start a fresh one. Returns whether it was restored.
 */
export function restoreDemandState(w: Readonly<World>, raw: unknown): boolean {
  setDemandHistory(w, null);
  if (!raw || typeof raw !== 'object') return false;
  const r = raw as Partial<DemandState>;
  const h = new DemandHistory();
  if (!restoreSeries(h.vms, r.vms) || !restoreSeries(h.containers, r.containers) || !isIds(r.hostIds))
    return false;
  const m = r.hostIds.length * HOST_SLOTS;
  if (!isNums(r.ringCpu, m) || !isNums(r.ringMem, m) || !isNums(r.ringTicks, m)) return false;
  if (typeof r.head !== 'number' || !Number.isInteger(r.head) || r.head < 0 || r.head >= HOST_SLOTS)
    return false;
  if (typeof r.openTicks !== 'number' || !Number.isInteger(r.openTicks) || r.openTicks < 0) return false;
  h.hostIds = [...r.hostIds];
  h.hostIndex = new Map(h.hostIds.map((id, i) => [id, i]));
  h.ringCpu = Float64Array.from(r.ringCpu);
  h.ringMem = Float64Array.from(r.ringMem);
  h.ringTicks = Float64Array.from(r.ringTicks);
  h.head = r.head;
  h.openTicks = r.openTicks;
  setDemandHistory(w, h);
  return true;
}

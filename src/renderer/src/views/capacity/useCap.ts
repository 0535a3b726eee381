/** Calls to the capacity API with a loading flag and a readable error; formatting helpers for the panels. */
import { ref } from 'vue';
import { useApi } from '@renderer/api';
import type { Params, ResultOf } from '@shared/contract';
import type { MethodName } from '@shared/methods';
import type { GrantPurpose } from '@shared/files';
import { downloadText } from '@renderer/download';
import { formatDurationIn } from '@shared/duration';
import { i18n } from '@renderer/i18n';

export function useCall() {
  const api = useApi();
  const loading = ref(false);
  const error = ref<string | null>(null);
  async function call<M extends MethodName>(method: M, params: Params<M>): Promise<ResultOf<M> | null> {
    loading.value = true;
    error.value = null;
    try {
      const r = await api.call(method, params);
      if (!r.ok) {
        error.value = r.error.message;
        return null;
      }
      return r.value;
    } finally {
      loading.value = false;
    }
  }
  /** A generated file saved the shell's way (api.saveFile); null when cancelled or failed (error set). */
  async function save<M extends 'report.generate' | 'export.inventory'>(
    method: M,
    params: Params<M>,
    file: { purpose: GrantPurpose; suggestedName: string },
  ): Promise<ResultOf<M> | null> {
    loading.value = true;
    error.value = null;
    try {
      const r = await api.saveFile(method, params, file);
      if (!r) return null;
      if (!r.ok) {
        error.value = r.error.message;
        return null;
      }
      return r.value;
    } finally {
      loading.value = false;
    }
  }
  /** A capacity table as CSV: a real download from the browser shell; in the desktop app a blob download (its own save dialog). */
  async function csv(params: Params<'capacity.csv'>): Promise<void> {
    const r = await call('capacity.csv', api.shell === 'web' ? { ...params, download: true } : params);
    if (!r) return;
    if (r.download) api.download(r.download);
    else downloadText(r.text, r.name);
  }
  return { loading, error, call, save, csv };
}

export const fmt1 = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v)
    ? '—'
    : v >= 100
      ? Math.round(v).toLocaleString()
      : (Math.round(v * 10) / 10).toLocaleString();
export const pct = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${fmt1(v)} %`;

/** The policy the panels share (Aria capacity policy analogue). */
export interface PolicyState {
  cpuOvercommit: number;
  memOvercommit: number;
  bufferPct: number;
  haReservePct: number | 'cluster';
}

export function policyParam(p: PolicyState) {
  return {
    cpuOvercommit: p.cpuOvercommit,
    memOvercommit: p.memOvercommit,
    bufferPct: p.bufferPct,
    haReservePct: p.haReservePct,
  };
}

/** The history an answer stands on, and a refusal for too little of it (src/shared/contract-capacity.ts). */
export type Basis = { spanDays: number; points: number; resolutionSec: number };
export type Refusal = {
  method: 'timeRemaining' | 'capacityRemaining' | 'rightsize' | 'consolidation';
  needDays: number;
  haveDays: number;
  moreDays: number;
};
type T = (key: string, values?: Record<string, unknown>, plural?: number) => string;

/** "needs N more day(s) of history" (plural forms in en; one form in zh-CN). */
export const refusalShort = (t: T, r: Refusal) => t('honest.needsHistory', { more: r.moreDays }, r.moreDays);
export const refusalLong = (t: T, r: Refusal) =>
  t(
    'honest.needsHistoryLong',
    { method: t(`honest.methods.${r.method}`), more: r.moreDays, need: r.needDays, have: fmt1(r.haveDays) },
    r.moreDays,
  );
export const basisText = (t: T, b: Basis) =>
  t('honest.basis', {
    days: fmt1(b.spanDays),
    points: b.points,
    res: formatDurationIn(b.resolutionSec, i18n.global.locale.value),
  });
export const basisShort = (t: T, b: Basis) =>
  t('honest.basisShort', {
    days: fmt1(b.spanDays),
    points: b.points,
    res: formatDurationIn(b.resolutionSec, i18n.global.locale.value),
  });
/** A simulated ISO date-time in the console's language (the simulated calendar is UTC). */
export const simDate = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
    new Date(iso),
  );

/** Calls to the capacity API with a loading flag and a readable error; formatting helpers for the panels. */
import { ref } from 'vue';
import { api } from '@renderer/api';
import type { Params, ResultOf } from '@shared/contract';
import type { MethodName } from '@shared/methods';

export function useCall() {
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
  return { loading, error, call };
}

export const fmt1 = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v >= 100 ? Math.round(v).toLocaleString() : (Math.round(v * 10) / 10).toLocaleString());
export const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${fmt1(v)} %`);

/** The policy the panels share (Aria capacity policy analogue). */
export interface PolicyState {
  cpuOvercommit: number;
  memOvercommit: number;
  bufferPct: number;
  haReservePct: number | 'cluster';
}

export function policyParam(p: PolicyState) {
  return { cpuOvercommit: p.cpuOvercommit, memOvercommit: p.memOvercommit, bufferPct: p.bufferPct, haReservePct: p.haReservePct };
}


/** Calls to the capacity API with a loading flag and a readable error; formatting helpers for the panels. */
import { ref } from 'vue';
import { useApi } from '@renderer/api';
import type { Params, ResultOf } from '@shared/contract';
import type { MethodName } from '@shared/methods';

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

export function saveText(text: string, filename: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function saveBase64(b64: string, filename: string, type: string): void {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

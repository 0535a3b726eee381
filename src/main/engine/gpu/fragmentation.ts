/**
 * FGD's fragmentation measure (../shared/docs/gpu-sharing-model.md §8): the expected idle GPU milli of a
 * node that a random typical pod could not use, F(n) = Σ_k p_k · (the node's idle milli unusable by k).
 */
import { accepts, type TypicalPod } from './model';

/** Bucket indices of the per-node vector (Q3 = satisfied; everything else counts as fragment). */
export const Q1 = 0; // lacks both CPU and GPU
export const Q2 = 1; // lacks GPU
export const Q3 = 2; // satisfied
export const Q4 = 3; // lacks CPU
export const XL = 4; // CPU-only typical pod that fits
export const XR = 5; // CPU-only typical pod that does not fit
export const NA = 6; // GPU type not accepted

/** The typical-pod distribution prepared for fast evaluation against the node models of one cluster. */
export class FragModel {
  private readonly cpu: Float64Array;
  private readonly m: Int32Array;
  private readonly g: Int32Array;
  private readonly p: Float64Array;
  /** acc[k * models + modelId]. */
  private readonly acc: Uint8Array;
  private readonly models: number;
  readonly size: number;

  constructor(typical: readonly TypicalPod[], modelNames: readonly string[]) {
    const n = typical.length;
    this.size = n;
    this.models = modelNames.length;
    this.cpu = new Float64Array(n);
    this.m = new Int32Array(n);
    this.g = new Int32Array(n);
    this.p = new Float64Array(n);
    this.acc = new Uint8Array(n * modelNames.length);
    typical.forEach((t, k) => {
      this.cpu[k] = t.cpu;
      this.m[k] = t.m;
      this.g[k] = t.g;
      this.p[k] = t.p;
      modelNames.forEach((name, j) => {
        this.acc[k * modelNames.length + j] = accepts(t.specModels, name) ? 1 : 0;
      });
    });
  }

  /**
   * F(n) of a node with `cpuLeft` and idle milli `left[off .. off+count)`; with `into`, also writes the
   * seven-bucket vector (Q1, Q2, Q3, Q4, XL, XR, NA).
   */
  frag(
    cpuLeft: number,
    left: ArrayLike<number>,
    off: number,
    count: number,
    modelId: number,
    into?: Float64Array,
  ): number {
    let idle = 0;
    for (let j = 0; j < count; j++) idle += left[off + j]!;
    let q1 = 0;
    let q2 = 0;
    let q3 = 0;
    let q4 = 0;
    let xl = 0;
    let xr = 0;
    let na = 0;
    for (let k = 0; k < this.size; k++) {
      const p = this.p[k]!;
      const m = this.m[k]!;
      const cpuOk = cpuLeft >= this.cpu[k]!;
      if (m === 0) {
        if (cpuOk) xl += p * idle;
        else xr += p * idle;
        continue;
      }
      if (this.acc[k * this.models + modelId] === 0) {
        na += p * idle;
        continue;
      }
      let fits = 0;
      let unusable = 0;
      for (let j = 0; j < count; j++) {
        const l = left[off + j]!;
        if (l >= m) fits++;
        else unusable += l;
      }
      if (fits >= this.g[k]!) {
        if (cpuOk) {
          q2 += p * unusable;
          q3 += p * (idle - unusable);
        } else q4 += p * idle;
      } else if (cpuOk) q2 += p * idle;
      else q1 += p * idle;
    }
    if (into) {
      into[Q1] = q1;
      into[Q2] = q2;
      into[Q3] = q3;
      into[Q4] = q4;
      into[XL] = xl;
      into[XR] = xr;
      into[NA] = na;
    }
    return q1 + q2 + q4 + xl + xr + na;
  }
}

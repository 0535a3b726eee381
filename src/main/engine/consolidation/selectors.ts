/**
 * VM selection from an overloaded host (CloudSim 3.0.3 PowerVmSelectionPolicy*): MMT, MU, RS, MC.
 * Only VMs that are not migrating are candidates; ties go to the first VM in the host's list.
 */
import type { JavaRandom } from './java-random';
import { olsRSquared, RegressionNotPossible } from './java-ols';
import type { Host, Vm } from './model';
import type { SelectorKind } from './policy';

export const migratableVms = (h: Host): Vm[] => h.vmList.filter((vm) => !vm.inMigration);

/** MMT: the smallest RAM (migration time = RAM / bandwidth, the same bandwidth for all). */
export function selectMmt(vms: readonly Vm[]): Vm | null {
  let best: Vm | null = null;
  let min = Number.MAX_VALUE;
  for (const vm of vms) {
    if (vm.inMigration) continue;
    if (vm.ramMB < min) {
      min = vm.ramMB;
      best = vm;
    }
  }
  return best;
}

/** MU: the smallest current CPU utilisation (u(t) * MIPS / MIPS, as CloudSim computes it). */
export function selectMu(vms: readonly Vm[]): Vm | null {
  let best: Vm | null = null;
  let min = Number.MAX_VALUE;
  for (const vm of vms) {
    if (vm.inMigration) continue;
    const metric = (vm.uNow * vm.mips) / vm.mips;
    if (metric < min) {
      min = metric;
      best = vm;
    }
  }
  return best;
}

export function selectRs(vms: readonly Vm[], rng: JavaRandom): Vm | null {
  if (vms.length === 0) return null;
  return vms[rng.nextInt(vms.length)] ?? null;
}

/**
 * MC R^2 values: for each VM, the R^2 of regressing its history on the histories of all the others
 * (histories newest first, truncated to the shortest). Throws RegressionNotPossible where CloudSim's
 * Commons Math call throws (one VM, too few samples, singular matrix).
 */
export function correlationCoefficients(vms: readonly Vm[]): number[] {
  const n = vms.length;
  let m = Number.MAX_SAFE_INTEGER;
  for (const vm of vms) m = Math.min(m, vm.history.length);
  const data = vms.map((vm) => Float64Array.from(vm.history.slice(0, m)));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const others = data.filter((_, j) => j !== i);
    out.push(olsRSquared(data[i] as Float64Array, others));
  }
  return out;
}

/** MC: the VM whose history is best explained by the others (largest R^2); MMT if R^2 cannot be computed. */
export function selectMc(vms: readonly Vm[]): Vm | null {
  if (vms.length === 0) return null;
  let metrics: number[];
  try {
    metrics = correlationCoefficients(vms);
  } catch (e) {
    if (e instanceof RegressionNotPossible) return selectMmt(vms);
    throw e;
  }
  let max = Number.MIN_VALUE;
  let idx = 0;
  for (let i = 0; i < metrics.length; i++) {
    const v = metrics[i] as number;
    if (v > max) {
      max = v;
      idx = i;
    }
  }
  return vms[idx] ?? null;
}

export function selectVm(h: Host, kind: SelectorKind, rng: JavaRandom): Vm | null {
  const vms = migratableVms(h);
  switch (kind) {
    case 'mmt':
      return selectMmt(vms);
    case 'mu':
      return selectMu(vms);
    case 'rs':
      return selectRs(vms, rng);
    case 'mc':
      return selectMc(vms);
    default: {
      const never: never = kind;
      throw new Error(`unknown selector ${String(never)}`);
    }
  }
}

/** Consolidation policy names and parameters: parsing and validation with messages that list the valid values. */
import { engineError, err, ok, type EngineError, type Result } from '../api';

export type DetectorKind = 'thr' | 'iqr' | 'mad' | 'lr' | 'lrr';
export type SelectorKind = 'mmt' | 'mc' | 'mu' | 'rs';

export type PolicySpec =
  | { kind: 'npa' }
  | { kind: 'dvfs' }
  | { kind: 'migration'; detector: DetectorKind; selector: SelectorKind; param: number };

export const DETECTORS: readonly DetectorKind[] = ['thr', 'iqr', 'mad', 'lr', 'lrr'];
export const SELECTORS: readonly SelectorKind[] = ['mmt', 'mc', 'mu', 'rs'];

export const POLICY_NAMES: readonly string[] = [
  'npa',
  'dvfs',
  ...DETECTORS.flatMap((d) => SELECTORS.map((s) => `${d}-${s}`)),
];

interface ParamRule {
  name: string;
  defaultValue: number;
  min: number;
  max: number;
  minExclusive: boolean;
  published: string;
}

/** Valid parameter ranges. The published experiments used the values in `published`. */
export const PARAM_RULES: Record<DetectorKind, ParamRule> = {
  thr: {
    name: 'utilisation threshold',
    defaultValue: 0.8,
    min: 0,
    max: 1,
    minExclusive: true,
    published: '0.6, 0.7, 0.8, 0.9, 1.0',
  },
  iqr: {
    name: 'safety parameter s (threshold 1 - s*IQR)',
    defaultValue: 1.5,
    min: 0,
    max: 10,
    minExclusive: false,
    published: '0.5, 1.0, 1.5, 2.0, 2.5, 3.0',
  },
  mad: {
    name: 'safety parameter s (threshold 1 - s*MAD)',
    defaultValue: 2.5,
    min: 0,
    max: 10,
    minExclusive: false,
    published: '1.0, 1.5, 2.0, 2.5, 3.0',
  },
  lr: {
    name: 'safety parameter s (overloaded if s*prediction >= 1)',
    defaultValue: 1.2,
    min: 0,
    max: 10,
    minExclusive: true,
    published: '1.0, 1.1, 1.2, 1.3, 1.4',
  },
  lrr: {
    name: 'safety parameter s (overloaded if s*prediction >= 1)',
    defaultValue: 1.2,
    min: 0,
    max: 10,
    minExclusive: true,
    published: '1.0, 1.1, 1.2, 1.3, 1.4',
  },
};

export function describeParam(d: DetectorKind): string {
  const r = PARAM_RULES[d];
  return `${d}: ${r.name}, ${r.min} ${r.minExclusive ? '<' : '<='} x <= ${r.max}, default ${r.defaultValue} (published: ${r.published})`;
}

/** Parses a policy name and an optional parameter (undefined = the policy's default). */
export function parsePolicy(name: string, param?: number): Result<PolicySpec, EngineError> {
  const p = name.trim().toLowerCase();
  if (p === 'npa' || p === 'dvfs') {
    if (param !== undefined) {
      return err(
        engineError(
          'INVALID_ARGUMENT',
          `policy ${p} takes no parameter (parameters apply to: ${DETECTORS.join(', ')})`,
        ),
      );
    }
    return ok({ kind: p });
  }
  const [d, s, extra] = p.split('-');
  if (
    extra !== undefined ||
    !DETECTORS.includes(d as DetectorKind) ||
    !SELECTORS.includes(s as SelectorKind)
  ) {
    return err(
      engineError(
        'INVALID_ARGUMENT',
        `unknown policy "${name}"; valid policies: ${POLICY_NAMES.join(', ')}`,
        {
          valid: POLICY_NAMES,
        },
      ),
    );
  }
  const detector = d as DetectorKind;
  const rule = PARAM_RULES[detector];
  const value = param ?? rule.defaultValue;
  const low = rule.minExclusive ? value <= rule.min : value < rule.min;
  if (!Number.isFinite(value) || low || value > rule.max) {
    return err(
      engineError(
        'INVALID_ARGUMENT',
        `parameter ${value} is out of range for ${detector}; valid: ${describeParam(detector)}`,
        {
          valid: DETECTORS.map(describeParam),
        },
      ),
    );
  }
  return ok({ kind: 'migration', detector, selector: s as SelectorKind, param: value });
}

export function policyLabel(spec: PolicySpec): string {
  return spec.kind === 'migration' ? `${spec.detector}-${spec.selector} ${spec.param}` : spec.kind;
}

/** The consolidation policies as the console lists them: name, detector, selector, parameter rule. */
import type { ConsolidationPolicyInfo } from '../../../shared/contract-consolidation';
import { POLICY_NAMES } from '../../engine/consolidation';
import { PARAM_RULES, type DetectorKind } from '../../engine/consolidation/policy';

export function policyInfos(): ConsolidationPolicyInfo[] {
  return POLICY_NAMES.map((name) => {
    const [d, s] = name.split('-');
    if (s === undefined) return { name, detector: null, selector: null, param: null };
    const r = PARAM_RULES[d as DetectorKind];
    return {
      name,
      detector: d as string,
      selector: s,
      param: {
        description: r.name,
        defaultValue: r.defaultValue,
        min: r.min,
        max: r.max,
        minExclusive: r.minExclusive,
        published: r.published,
      },
    };
  });
}

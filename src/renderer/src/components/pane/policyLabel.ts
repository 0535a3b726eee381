/** The localised label of a placement policy name (nova, nova-stack, first-fit …); other names by their
 * `value.*` label (e.g. leastLoaded) or as they are. */
import { useI18n } from 'vue-i18n';
import { isPlacementPolicy } from './scheduling';

export function usePolicyLabel(): (name: string) => string {
  const { t, te } = useI18n();
  return (name) =>
    isPlacementPolicy(name) ? t(`policy.${name}`) : te(`value.${name}`) ? t(`value.${name}`) : name;
}

/** The localised label of a placement policy name (nova, nova-stack, first-fit …); unknown names as they are. */
import { useI18n } from 'vue-i18n';
import { isPlacementPolicy } from './scheduling';

export function usePolicyLabel(): (name: string) => string {
  const { t } = useI18n();
  return (name) => (isPlacementPolicy(name) ? t(`policy.${name}`) : name);
}

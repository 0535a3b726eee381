/**
 * The Capacity view's texts are in the app's message files (i18n/en.ts and zh-CN.ts, under `cap`), so the
 * key-drift test and the translators see them with the rest. useCapI18n() gives the view's components `t`
 * with keys relative to `cap` (t('tabs.summary') is the global t('cap.tabs.summary')) and the app's locale.
 */
import { useI18n } from 'vue-i18n';

type Named = Record<string, unknown>;

export function useCapI18n() {
  const g = useI18n();
  const tg = g.t as (key: string, ...args: unknown[]) => string;
  function t(key: string, named?: Named | number, plural?: number): string {
    if (named === undefined) return tg(`cap.${key}`);
    return plural === undefined ? tg(`cap.${key}`, named) : tg(`cap.${key}`, named, plural);
  }
  return { t, te: (key: string) => g.te(`cap.${key}`), locale: g.locale };
}

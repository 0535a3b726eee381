/**
 * Naive UI's line tabs place their underline when the active tab changes, not when the tab labels change
 * width; after switching language the underline stayed under where the active tab used to be (issue 12).
 * Call with the NTabs template ref: the underline is placed again once the new labels are laid out.
 */
import { nextTick, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';

export function useTabBarFollowsLocale(tabs: Ref<{ syncBarPosition: () => void } | null>): void {
  const { locale } = useI18n();
  watch(locale, async () => {
    await nextTick();
    // Once now and once after the browser laid out the new labels (fonts of the other script).
    tabs.value?.syncBarPosition();
    requestAnimationFrame(() => tabs.value?.syncBarPosition());
  });
}

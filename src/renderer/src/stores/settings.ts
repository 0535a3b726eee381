/** User preferences kept in localStorage: theme and language. */
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { i18n, type AppLocale } from '@renderer/i18n';
import { useApi } from '@renderer/api';

export type ThemePref = 'light' | 'dark' | 'system';

function readTheme(): ThemePref {
  const v = localStorage.getItem('vdc.theme');
  return v === 'light' || v === 'dark' || v === 'system' ? v : 'system';
}

export const useSettingsStore = defineStore('settings', () => {
  const api = useApi();
  const theme = ref<ThemePref>(readTheme());
  const locale = ref<AppLocale>(i18n.global.locale.value);
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const systemDark = ref(media.matches);
  media.addEventListener('change', (e) => {
    systemDark.value = e.matches;
  });
  const dark = computed(() => (theme.value === 'system' ? systemDark.value : theme.value === 'dark'));

  watch(theme, (t) => localStorage.setItem('vdc.theme', t));
  watch(
    locale,
    (l) => {
      localStorage.setItem('vdc.locale', l);
      i18n.global.locale.value = l;
      document.documentElement.lang = l;
      // The desktop's native menus and dialogs follow the console's language.
      api.setLocale(l);
    },
    { immediate: true },
  );
  watch(
    dark,
    (d) => {
      document.documentElement.dataset.theme = d ? 'dark' : 'light';
    },
    { immediate: true },
  );

  function setTheme(t: ThemePref): void {
    theme.value = t;
  }
  function setLocale(l: AppLocale): void {
    locale.value = l;
  }
  return { theme, locale, dark, setTheme, setLocale };
});

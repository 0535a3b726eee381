/** vue-i18n setup: English and Simplified Chinese, localised numbers and dates (simulated time shown in UTC). */
import { createI18n } from 'vue-i18n';
import en, { type Messages } from './en';
import zhCN from './zh-CN';

export type AppLocale = 'en' | 'zh-CN';
export const LOCALES: readonly AppLocale[] = ['en', 'zh-CN'];

const datetime = {
  long: {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone: 'UTC',
  },
  short: {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'UTC',
  },
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: 'UTC' },
} as const;

const numbers = {
  integer: { maximumFractionDigits: 0 },
  decimal: { maximumFractionDigits: 1 },
  precise: { maximumFractionDigits: 2 },
  percent: { style: 'percent', maximumFractionDigits: 1 },
} as const;

export function initialLocale(): AppLocale {
  const saved = localStorage.getItem('vdc.locale');
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const i18n = createI18n<[Messages], AppLocale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en, 'zh-CN': zhCN },
  datetimeFormats: { en: datetime, 'zh-CN': datetime },
  numberFormats: { en: numbers, 'zh-CN': numbers },
});

/**
 * Severity and status badges with text colours of at least 4.5:1 on their background in both themes
 * (Naive's default tag colours fall below that, axe "color-contrast").
 */
import { h } from 'vue';

export type Tone = 'error' | 'warning' | 'info' | 'success' | 'neutral';

const LIGHT: Record<Tone, [string, string]> = {
  error: ['#a1271c', '#fdecea'],
  warning: ['#7a4a00', '#fff1d6'],
  info: ['#1b5489', '#e6f0fa'],
  success: ['#1d6330', '#e4f3e8'],
  neutral: ['#3d4650', '#eceff2'],
};
const DARK: Record<Tone, [string, string]> = {
  error: ['#ffb4ab', '#3d1b19'],
  warning: ['#ffd28a', '#3a2a0f'],
  info: ['#b2d4f7', '#172a3d'],
  success: ['#a6e3b5', '#15301d'],
  neutral: ['#d5dbe1', '#2a2f35'],
};

export function badge(tone: Tone, text: string, dark: boolean) {
  const [color, background] = (dark ? DARK : LIGHT)[tone];
  return h('span', { class: 'ops-badge', style: { color, background } }, text);
}

export const severityTone = (s: string): Tone =>
  s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'info';
export const stateTone = (s: string): Tone =>
  s === 'success'
    ? 'success'
    : s === 'error'
      ? 'error'
      : s === 'running'
        ? 'info'
        : s === 'cancelled'
          ? 'warning'
          : 'neutral';

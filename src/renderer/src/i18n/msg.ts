/**
 * Renders the engine's and service's message codes (`{ code, params }`, src/shared/schemas/views.ts MsgView)
 * in the console's language: `msg.<code>` of the message files, parameters rendered recursively (nested
 * messages) and numbers in the locale's format. A record without a code (written before message codes), or
 * with a code this version does not know, shows its stored English text.
 */
import { useI18n } from 'vue-i18n';
import type { MsgView } from '@shared/schemas/views';
import { fmtUnit, type Unit } from '@shared/units';

const UNITS: readonly string[] = ['MHz', 'MiB', 'GiB', 'W', 'Mbps'] satisfies Unit[];

type Translate = (key: string, params: Record<string, unknown>) => string;
type Exists = (key: string) => boolean;
type FormatNumber = (value: number) => string;

export function renderMsg(
  m: MsgView | null | undefined,
  fallback: string,
  t: Translate,
  te: Exists,
  n: FormatNumber,
  locale = 'en',
): string {
  if (!m) return fallback;
  // A value with its unit ("unit.MiB", { v: 4096 }; "unitBare" when the English text leaves the unit to a
  // later value): human units with the right prefix ("4 GiB").
  const unit = /^unit(Bare)?\.(\w+)$/.exec(m.code)?.[2] ?? '';
  if (UNITS.includes(unit) && typeof m.params.v === 'number')
    return fmtUnit(m.params.v, unit as Unit, locale);
  // A task type as a parameter ("busy with vm.migrate"): its label in the console's language.
  if (m.code === 'taskType.name' && typeof m.params.type === 'string')
    return taskTypeLabel(m.params.type, t, te);
  if (!te(`msg.${m.code}`)) return fallback;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.params))
    params[k] = typeof v === 'number' ? n(v) : typeof v === 'string' ? v : renderMsg(v, '', t, te, n, locale);
  return t(`msg.${m.code}`, params);
}

/** An event type ("vm.migrated") in the console's language; unknown types show as they are. */
export function eventTypeLabel(type: string, t: Translate, te: Exists): string {
  const key = `evType.${type.replace(/\./g, '_')}`;
  return te(key) ? t(key, {}) : type;
}

/** A task type ("vm.migrate") in the console's language; unknown types show as they are. */
export function taskTypeLabel(type: string, t: Translate, te: Exists): string {
  const key = `taskType.${type.replace(/\./g, '_')}`;
  return te(key) ? t(key, {}) : type;
}

export function useMsg(): {
  msgText: (m: MsgView | null | undefined, fallback: string) => string;
  eventType: (type: string) => string;
  taskType: (type: string) => string;
  /** An API error's message in the console's language (its code when the engine gave one). */
  errorText: (e: { message: string; msg?: MsgView | undefined }) => string;
} {
  const { t, te, n, locale } = useI18n();
  const tr: Translate = (k, p) => t(k, p);
  const fmt: FormatNumber = (v) => (Number.isInteger(v) ? n(v, 'integer') : String(v));
  return {
    msgText: (m, fallback) => renderMsg(m, fallback, tr, te, fmt, locale.value),
    eventType: (type) => eventTypeLabel(type, tr, te),
    taskType: (type) => taskTypeLabel(type, tr, te),
    errorText: (e) => renderMsg(e.msg, e.message, tr, te, fmt, locale.value),
  };
}

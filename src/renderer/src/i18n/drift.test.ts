/**
 * Key drift between the English and Simplified Chinese message files (issue 12): every key in both, and
 * the same interpolation parameters in both texts of a key (a `{vm}` missing in Chinese would drop the
 * VM's name; an extra one would print the placeholder).
 */
import { describe, expect, it } from 'vitest';
import en from './en';
import zhCN from './zh-CN';
import { backtestMessages } from '../views/capacity/backtest-messages';
import { consolMessages } from '../views/consolidation/messages';
import { demoMessages } from '../views/demo/messages';

type Tree = { [k: string]: unknown };

function flatten(o: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof o === 'string') out.set(prefix, o);
  else if (typeof o === 'object' && o !== null)
    for (const [k, v] of Object.entries(o as Tree)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, String(o));
  return out;
}

/** The named parameters of a vue-i18n message ("{vm}", "{ n }"), sorted and unique. */
function paramsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => m[1]!))].sort();
}

/** What differs between two message trees: keys only in one, and keys whose parameters differ. */
function drift(a: unknown, b: unknown): string[] {
  const fa = flatten(a);
  const fb = flatten(b);
  const out: string[] = [];
  for (const k of fa.keys()) if (!fb.has(k)) out.push(`only in en: ${k}`);
  for (const k of fb.keys()) if (!fa.has(k)) out.push(`only in zh-CN: ${k}`);
  for (const [k, v] of fa) {
    const w = fb.get(k);
    if (w === undefined) continue;
    const pa = paramsOf(v).join(',');
    const pb = paramsOf(w).join(',');
    if (pa !== pb) out.push(`${k}: en has {${pa}}, zh-CN has {${pb}}`);
  }
  return out;
}

const FILES: [string, unknown, unknown][] = [
  ['i18n (console)', en, zhCN],
  ['backtest', backtestMessages.en, backtestMessages['zh-CN']],
  ['consolidation', consolMessages.en, consolMessages['zh-CN']],
  ['demo', demoMessages.en, demoMessages['zh-CN']],
];

describe('message files: en and zh-CN', () => {
  it.each(FILES)('%s: every key in both, with the same interpolation parameters', (_name, a, b) => {
    expect(drift(a, b)).toEqual([]);
  });

  it('no Chinese text is left empty', () => {
    const empty = [...flatten(zhCN)].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('the check itself finds a missing key and a dropped or extra parameter', () => {
    expect(drift({ a: 'x {vm}', b: 'y' }, { a: 'x' })).toEqual([
      'only in en: b',
      'a: en has {vm}, zh-CN has {}',
    ]);
    expect(drift({ a: 'x' }, { a: '{ n } 个', c: 'z' })).toEqual([
      'only in zh-CN: c',
      'a: en has {}, zh-CN has {n}',
    ]);
  });
});

/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en';
import zhCN from '../../i18n/zh-CN';

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('capacity view messages', () => {
  it('zh-CN has exactly the English keys (in the app message files, under cap)', () => {
    expect(keys(zhCN.cap).sort()).toEqual(keys(en.cap).sort());
  });

  it('every literal key the components use exists', () => {
    const known = new Set(keys(en.cap));
    const prefixes = new Set(
      [...known].flatMap((k) => k.split('.').map((_, i, a) => a.slice(0, i + 1).join('.'))),
    );
    const missing: string[] = [];
    const sources = import.meta.glob('./*.vue', { query: '?raw', import: 'default', eager: true }) as Record<
      string,
      string
    >;
    expect(Object.keys(sources).length).toBeGreaterThan(5);
    for (const [f, src] of Object.entries(sources)) {
      for (const m of src.matchAll(/\bt\('([a-zA-Z.]+)'/g))
        if (!known.has(m[1]!)) missing.push(`${f}: ${m[1]}`);
      for (const m of src.matchAll(/\bt\(`([a-zA-Z.]+)\.\$\{/g))
        if (!prefixes.has(m[1]!)) missing.push(`${f}: ${m[1]}.*`);
    }
    expect(missing).toEqual([]);
  });
});

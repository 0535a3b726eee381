/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { backtestMessages } from './backtest-messages';

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('backtest panel messages', () => {
  it('zh-CN has exactly the English keys, and every key the panel uses exists', () => {
    expect(keys(backtestMessages['zh-CN']).sort()).toEqual(keys(backtestMessages.en).sort());
    const known = new Set(keys(backtestMessages.en));
    const prefixes = new Set(
      [...known].flatMap((k) => k.split('.').map((_, i, a) => a.slice(0, i + 1).join('.'))),
    );
    const sources = import.meta.glob('./*.vue', { query: '?raw', import: 'default', eager: true }) as Record<
      string,
      string
    >;
    const missing: string[] = [];
    for (const [f, src] of Object.entries(sources)) {
      for (const m of src.matchAll(/\btb\('([a-zA-Z.]+)'/g))
        if (!known.has(m[1]!)) missing.push(`${f}: ${m[1]}`);
      for (const m of src.matchAll(/\btb\(`([a-zA-Z.]+)\.\$\{/g))
        if (!prefixes.has(m[1]!)) missing.push(`${f}: ${m[1]}.*`);
    }
    expect(missing).toEqual([]);
    expect(Object.values(sources).some((s) => s.includes("tb('title')"))).toBe(true);
  });
});

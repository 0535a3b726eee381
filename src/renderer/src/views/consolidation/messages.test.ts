/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { consolMessages } from './messages';
import { dayClock, resultsCsv, sig } from './format';

function keys(o: unknown, prefix = ''): string[] {
  if (typeof o !== 'object' || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('consolidation view messages', () => {
  it('zh-CN has exactly the English keys', () => {
    expect(keys(consolMessages['zh-CN']).sort()).toEqual(keys(consolMessages.en).sort());
  });

  it('every literal key the components use exists', () => {
    const known = new Set(keys(consolMessages.en.consol));
    const prefixes = new Set(
      [...known].flatMap((k) => k.split('.').map((_, i, a) => a.slice(0, i + 1).join('.'))),
    );
    const missing: string[] = [];
    const sources = import.meta.glob('./*.vue', { query: '?raw', import: 'default', eager: true }) as Record<
      string,
      string
    >;
    expect(Object.keys(sources).length).toBeGreaterThan(3);
    for (const [f, src] of Object.entries(sources)) {
      for (const m of src.matchAll(/\bt\('([a-zA-Z.]+)'/g))
        if (!known.has(m[1]!)) missing.push(`${f}: ${m[1]}`);
      for (const m of src.matchAll(/\bt\(`([a-zA-Z.]+)\.\$\{/g))
        if (!prefixes.has(m[1]!)) missing.push(`${f}: ${m[1]}.*`);
    }
    expect(missing).toEqual([]);
  });
});

describe('consolidation formatting', () => {
  it('dayClock shows simulated h:mm', () => {
    expect(dayClock(0)).toBe('0:00');
    expect(dayClock(300.1)).toBe('0:05');
    expect(dayClock(86_100.1)).toBe('23:55');
    expect(dayClock(86_400)).toBe('24:00');
  });

  it('sig keeps tiny SLAV values readable', () => {
    expect(sig(0)).toBe('0');
    expect(sig(0.00003176)).toBe('0.00003176');
    expect(sig(Number.NaN)).toBe('—');
  });

  it('the CSV has one row per run, percent columns in percent, fields quoted where needed', () => {
    const result = {
      hosts: 800,
      vms: 2,
      energyKWh: 12.5,
      migrations: 3,
      slatah: 0.05,
      pdm: 0.001,
      slav: 0.00005,
      esv: 0.000625,
      hostShutdowns: 4,
      simulatedSeconds: 86_400,
      wallSeconds: 0.5,
      vmsRunningAtEnd: 1,
      vmsCreated: 2,
      meanTimeBeforeShutdownSec: 300,
    };
    const csv = resultsCsv([
      {
        runId: 'run-1',
        policy: 'thr-mmt 0.8',
        policyName: 'thr-mmt',
        param: 0.8,
        mode: 'reference',
        seed: 1,
        workloadDir: '/tmp/a,b',
        hosts: 800,
        vms: 2,
        result,
      },
    ]);
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe(
      'policy,param,mode,seed,workload,hosts,vms,energy_kwh,migrations,slatah_pct,pdm_pct,slav,esv,host_shutdowns,vms_alive_at_end,wall_seconds',
    );
    expect(row).toBe('thr-mmt,0.8,reference,1,"/tmp/a,b",800,2,12.5,3,5,0.1,0.00005,0.000625,4,1,0.5');
    expect(end).toBe('');
  });
});

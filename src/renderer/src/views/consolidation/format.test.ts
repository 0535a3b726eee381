import { describe, expect, it } from 'vitest';
import type { ConsolidationFinishedView } from '@shared/contract-consolidation';
import { resultsCsv } from './format';

const run = (policyName: string): ConsolidationFinishedView =>
  ({
    policyName,
    param: 1.2,
    mode: 'cloudsim',
    seed: 1,
    workloadDir: '20110303',
    hosts: 800,
    vms: 1052,
    result: { energyKWh: 123.4, migrations: 5, slatah: 0.05, pdm: 0.001, slav: 5e-5, esv: 0.006, hostShutdowns: 7, vmsRunningAtEnd: 1052, wallSeconds: 1.5 },
  }) as unknown as ConsolidationFinishedView;

describe('consolidation results CSV (shared writer)', () => {
  it('one row per run, percent columns in percent, RFC 4180 CRLF (the former writer used LF)', () => {
    const csv = resultsCsv([run('lr-mmt')]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('policy,param,mode,seed,workload,hosts,vms,energy_kwh,migrations,slatah_pct,pdm_pct,slav,esv,host_shutdowns,vms_alive_at_end,wall_seconds');
    expect(lines[1]).toBe('lr-mmt,1.2,cloudsim,1,20110303,800,1052,123.4,5,5,0.1,0.00005,0.006,7,1052,1.5');
    expect(lines[2]).toBe('');
    expect(lines).toHaveLength(3);
  });
  it('neutralises a formula-like text cell', () => {
    expect(resultsCsv([run('=evil')]).split('\r\n')[1]!.startsWith("'=evil,")).toBe(true);
  });
});

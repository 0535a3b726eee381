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
    result: {
      energyKWh: 123.4,
      migrations: 5,
      slatah: 0.05,
      pdm: 0.001,
      slav: 5e-5,
      esv: 0.006,
      hostShutdowns: 7,
      vmsRunningAtEnd: 1052,
      wallSeconds: 1.5,
    },
  }) as unknown as ConsolidationFinishedView;

describe('consolidation results CSV (shared writer; row layout in messages.test.ts)', () => {
  it('neutralises a formula-like text cell', () => {
    expect(
      resultsCsv([run('=evil')])
        .split('\r\n')[1]!
        .startsWith("'=evil,"),
    ).toBe(true);
  });
});

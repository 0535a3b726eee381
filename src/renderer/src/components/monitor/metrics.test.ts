import { describe, expect, it } from 'vitest';
import { defaultMetrics } from './metrics';

describe('default Monitor metrics', () => {
  it('show CPU ready for hosts and clusters (issue 12), not for VMs', () => {
    const host = ['cpu.usage.mhz', 'cpu.usage.pct', 'mem.consumed.mib', 'power.w', 'cpu.ready.pct'];
    expect(defaultMetrics('host', host)).toEqual([
      'cpu.usage.mhz',
      'cpu.usage.pct',
      'mem.consumed.mib',
      'power.w',
      'cpu.ready.pct',
    ]);
    expect(defaultMetrics('cluster', host)).toContain('cpu.ready.pct');
    expect(defaultMetrics('vm', ['cpu.usage.mhz', 'cpu.ready.pct'])).toEqual(['cpu.usage.mhz']);
    // an older catalogue without it
    expect(defaultMetrics('host', host.slice(0, 4))).not.toContain('cpu.ready.pct');
  });
});

import { describe, expect, it } from 'vitest';
import { ctxOf, host, request, scenario, vm, world } from './testing/fixture';
import { bestFit, firstFit, roundRobin, worstFit } from './simple-policies';
import { resolvePolicy } from './policies';

// host-1: 3 VMs (6 vCPU, 12 GiB), host-2: 1 VM, host-3: empty. Fill after adding 2 vCPU / 4 GiB is the
// memory share (memory dominates with 4:1 vCPU ratio): host-1 16/62.4 GiB ≈ 0.257, host-2 ≈ 0.128, host-3 ≈ 0.064.
const w = () =>
  world(
    scenario(
      [host(1), host(2), host(3)],
      [vm('vm-a', 'host-1'), vm('vm-b', 'host-1'), vm('vm-c', 'host-1'), vm('vm-d', 'host-2')],
    ),
  );

describe('simple policies', () => {
  it('first-fit takes the first eligible host', () => {
    expect(firstFit(ctxOf(w()), request()).hostId).toBe('host-1');
    expect(firstFit(ctxOf(w()), request({ excludeHostIds: ['host-1'] })).hostId).toBe('host-2');
  });
  it('best-fit packs onto the fullest host, worst-fit spreads onto the emptiest', () => {
    const b = bestFit(ctxOf(w()), request());
    expect(b.hostId).toBe('host-1');
    const memCap = 65536 - (1024 + 655.36);
    expect(b.verdicts[0]!.score).toBeCloseTo((4 * 4096) / memCap, 9);
    expect(worstFit(ctxOf(w()), request()).hostId).toBe('host-3');
  });
  it('round-robin starts at (running guests mod hosts)', () => {
    // 4 running VMs, 3 hosts → turn starts at index 1 (host-2).
    const d = roundRobin(ctxOf(w()), request());
    expect(d.hostId).toBe('host-2');
    const d2 = roundRobin(ctxOf(w()), request({ excludeHostIds: ['host-2'] }));
    expect(d2.hostId).toBe('host-3');
  });
  it('resolves names and aliases', () => {
    expect(resolvePolicy('leastLoaded')?.name).toBe('nova');
    expect(resolvePolicy('best-fit')?.name).toBe('best-fit');
    expect(resolvePolicy('nope')).toBeUndefined();
  });
});

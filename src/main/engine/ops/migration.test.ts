import { describe, expect, it } from 'vitest';
import { predictPreCopy, SWITCHOVER_MS } from './migration';

describe('pre-copy live migration model (hand-computed)', () => {
  it('converges in rounds that shrink by dirty rate / bandwidth', () => {
    // 1024 MiB at 100 MiB/s while dirtying 10 MiB/s:
    // round 1 sends 1024 MiB in 10.24 s, 102.4 MiB were dirtied → 1.024 s > 0.5 s target;
    // round 2 sends 102.4 MiB in 1.024 s, 10.24 MiB dirtied → 0.1024 s ≤ 0.5 s: stop-and-copy.
    const p = predictPreCopy(1024, 10, 100, 500, 30);
    expect(p.converges).toBe(true);
    expect(p.rounds).toBe(2);
    expect(p.durationSec).toBeCloseTo(10.24 + 1.024 + 0.1024, 9);
    expect(p.downtimeMs).toBeCloseTo(102.4 + SWITCHOVER_MS, 9);
  });

  it('fails to converge when the guest dirties memory as fast as the link sends it', () => {
    const p = predictPreCopy(4096, 120, 100, 500, 30);
    expect(p.converges).toBe(false);
    expect(p.rounds).toBe(30);
  });

  it('copies storage first when the disks move too', () => {
    const withDisks = predictPreCopy(1024, 0, 100, 500, 30, 2000, 200);
    // 2000 MiB of disk at 200 MiB/s = 10 s, then 10.24 s of memory and nothing dirty.
    expect(withDisks.durationSec).toBeCloseTo(20.24, 9);
    expect(withDisks.downtimeMs).toBeCloseTo(SWITCHOVER_MS, 9);
  });
});

/** Issue 12, defect 5: a restored engine has metric values for "now" before its first step, and the run is unchanged. */
import { describe, expect, it } from 'vitest';
import { restoreEngine } from './engine';
import { builtinScenario } from './scenarios';
import { engineOf } from './testing/fixtures';

describe('Engine.primeLatest', () => {
  it('gives a restored engine current values without changing its run', () => {
    const a = engineOf(builtinScenario('small-lab')!);
    for (let i = 0; i < 30; i++) a.step();
    const snap = JSON.parse(a.snapshotJson()) as unknown;
    const restored = restoreEngine(snap);
    if (!restored.ok) throw new Error(restored.error.message);
    const b = restored.value;
    expect(b.latest('host-esx-01')).toBeUndefined();
    const blocks = b.primeLatest();
    expect(blocks).not.toBeNull();
    expect(b.latest('host-esx-01')?.['cpu.usage.mhz']).toBeGreaterThan(0);
    expect(b.primeLatest()).toBeNull(); // only once
    expect(b.tick).toBe(a.tick);
    // The run continues exactly as the original one.
    for (let i = 0; i < 20; i++) {
      a.step();
      b.step();
    }
    expect(b.runHash()).toBe(a.runHash());
  });
});

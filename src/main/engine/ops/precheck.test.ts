import { describe, expect, it } from 'vitest';
import { builtinScenario, createEngine, type Engine } from '../index';

function lab(): Engine {
  const e = createEngine(builtinScenario('small-lab')!, {});
  if (!e.ok) throw new Error(e.error.message);
  for (let i = 0; i < 3; i++) e.value.step();
  return e.value;
}

describe('pre-copy forecast with concurrent migrations on one NIC', () => {
  it('divides the vMotion bandwidth among the flows on the source and the target (NIOC, equal per flow)', () => {
    const e = lab();
    const snap = e.snapshot();
    const src = snap.hosts[0]!.id;
    const dst = snap.hosts[1]!.id;
    const onSrc = snap.vms.filter((v) => v.hostId === src && v.power === 'poweredOn').map((v) => v.id);
    expect(onSrc.length).toBeGreaterThanOrEqual(3);
    const [probe, a, b] = onSrc as [string, string, string];
    const alone = e.precheckMigration(probe, dst);
    if (!alone.ok) throw new Error(alone.error.message);
    // Two other migrations from the same source to the same target are started (same tick: host traffic unchanged).
    for (const vmId of [a, b]) expect(e.execute({ type: 'vm.migrate', vmId, hostId: dst }).ok).toBe(true);
    const shared = e.precheckMigration(probe, dst);
    if (!shared.ok) throw new Error(shared.error.message);
    // Three flows on each NIC: each gets a third of what one would get alone.
    expect(shared.value.bandwidthMiBps).toBeCloseTo(alone.value.bandwidthMiBps / 3, 9);
    expect(shared.value.predictedDurationSec).toBeGreaterThan(alone.value.predictedDurationSec);
  });
});

/** Issue #12 defect 8: a small VM's live migration reports the duration its result states, not a whole tick. */
import { describe, expect, it } from 'vitest';
import { builtinScenario } from '../scenarios';
import { engineOf } from '../testing/fixtures';

describe('live migration task times', () => {
  it('finishes at its start plus the measured migration time (Duration agrees with "completed in X s")', () => {
    const e = engineOf(builtinScenario('small-lab')!);
    for (let i = 0; i < 5; i++) e.step();
    const r = e.execute({ type: 'vm.migrate', vmId: 'vm-app-01', hostId: 'host-esx-03' });
    expect(r.ok).toBe(true);
    let task = e.tasks().find((t) => t.type === 'vm.migrate' || t.description.includes('app-01'));
    for (let i = 0; i < 10 && task?.state !== 'success'; i++) {
      e.step();
      task = e.tasks().find((t) => t.id === task!.id);
    }
    expect(task?.state).toBe('success');
    const m = /completed in ([\d.]+) s/.exec(task!.reason ?? '');
    expect(m).not.toBeNull();
    const duration = task!.finishedAt! - task!.startedAt!;
    expect(duration).toBeCloseTo(Number(m![1]), 1);
  });
});

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

  it('a timed task (a snapshot) finishes at its start plus the time its result states, not at the tick end', () => {
    const e = engineOf(builtinScenario('small-lab')!);
    e.step();
    const r = e.execute({ type: 'vm.snapshot.create', vmId: 'vm-web-01', name: 's' });
    expect(r.ok).toBe(true);
    const id = r.ok ? r.value.taskId! : '';
    let task = e.tasks().find((t) => t.id === id);
    for (let i = 0; i < 20 && task?.state !== 'success'; i++) {
      e.step();
      task = e.tasks().find((t) => t.id === id);
    }
    expect(task?.state).toBe('success');
    const m = /completed in (\d+) s/.exec(task!.reason ?? '');
    expect(m).not.toBeNull();
    expect(task!.finishedAt! - task!.startedAt!).toBe(Number(m![1]));
    expect(Number(m![1]) % 20).not.toBe(0); // a time inside a tick, as the Duration column shows it now
  });
});

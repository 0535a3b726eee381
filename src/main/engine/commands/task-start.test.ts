/**
 * Issue 12, defect 8: a small VM's migration jumped from Queued to Completed, with no Running phase to see.
 * The task a command queues starts at once (when nothing queued earlier waits), so it reads "running"
 * until the next tick completes it; a task that must wait for the concurrency limit stays queued.
 */
import { describe, expect, it } from 'vitest';
import { engineOf, flat, testVm, tinyScenario } from '../testing/fixtures';

describe('a command task starts at once', () => {
  it('a small VM migration is running right after the command, completed after the next tick', () => {
    const e = engineOf(tinyScenario([testVm('vm-a', 'host-1', 1, 512, flat(5, 10))]));
    e.step();
    const r = e.execute({ type: 'vm.migrate', vmId: 'vm-a', hostId: 'host-2' });
    if (!r.ok) throw new Error(r.error.message);
    const task = () => e.tasks().find((t) => t.id === r.value.taskId)!;
    expect(task().state).toBe('running');
    expect(task().startedAt).toBe(e.time);
    const tick = e.step();
    expect(task().state).toBe('success');
    expect(tick.tasks.find((t) => t.id === r.value.taskId)?.state).toBe('success');
  });

  it('a migration over the per-host limit waits queued behind the earlier ones', () => {
    const vms = Array.from({ length: 6 }, (_, i) => testVm(`vm-${i}`, 'host-1', 1, 4096, flat(30, 60)));
    const e = engineOf(tinyScenario(vms, { nicMbps: 1000, memMiB: 65536 }));
    e.step();
    const states = vms.map((v) => {
      const r = e.execute({ type: 'vm.migrate', vmId: v.id, hostId: 'host-2' });
      if (!r.ok) throw new Error(r.error.message);
      return e.tasks().find((t) => t.id === r.value.taskId)!.state;
    });
    // 1 GbE hosts allow 4 concurrent vMotions: the first 4 run, the rest wait.
    expect(states).toEqual(['running', 'running', 'running', 'running', 'queued', 'queued']);
  });
});

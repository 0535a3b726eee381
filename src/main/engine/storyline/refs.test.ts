import { describe, expect, it } from 'vitest';
import { eventProblems } from './refs';
import { tinyScenario } from './test-scenario';
import type { StoryEvent } from './types';

describe('storyline references', () => {
  const s = tinyScenario();

  it('accepts events naming objects of the scenario', () => {
    const ok: StoryEvent[] = [
      { type: 'hostFailure', at: 60, hostId: 'host-a1' },
      { type: 'loadSpike', at: 0, targetId: 'cluster-a', factor: 2 },
      { type: 'command', at: 10, command: { type: 'vm.migrate', vmId: 'vm-t1', hostId: 'host-a2' } },
    ];
    expect(eventProblems(ok, s, 600)).toEqual([]);
  });

  it('names the entry for a missing object, a wrong kind and a time out of range', () => {
    const bad: StoryEvent[] = [
      { type: 'caption', at: 0 },
      { type: 'hostFailure', at: 60, hostId: 'host-zz' },
      { type: 'drs', at: 60, clusterId: 'host-a1', enabled: true },
      { type: 'caption', at: 900 },
      { type: 'command', at: 5, command: { type: 'vm.power', vmId: 'vm-nope', action: 'on' } },
    ];
    expect(eventProblems(bad, s, 600)).toEqual([
      'events[1] (hostFailure at 60 s): hostId "host-zz" does not exist in the scenario "Tiny test cluster"',
      'events[2] (drs at 60 s): clusterId "host-a1" is a host, not a cluster',
      'events[3] (caption at 900 s): the time is after the end (600 s)',
      'events[4] (command at 5 s): command.vmId "vm-nope" does not exist in the scenario "Tiny test cluster"',
    ]);
  });
});

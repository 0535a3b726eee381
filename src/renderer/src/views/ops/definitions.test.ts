import { describe, expect, it } from 'vitest';
import { actionsInput, definitionProblem, type DefinitionDraft } from './definitions';

const ok: DefinitionDraft = {
  label: 'Host CPU',
  kind: 'host',
  metric: 'cpu.usage.pct',
  direction: 'above',
  warning: 75,
  critical: 90,
  tolerance: 5,
  durationSec: 300,
  enabled: true,
  actions: [],
};
const metrics = ['cpu.usage.pct', 'mem.usage.pct'];

describe('alarm definition draft checks', () => {
  it('accepts a valid draft and names the first problem of an invalid one', () => {
    expect(definitionProblem(ok, metrics)).toBeNull();
    expect(definitionProblem({ ...ok, label: '  ' }, metrics)).toBe('label');
    expect(definitionProblem({ ...ok, metric: 'cpu.ready.pct' }, metrics)).toBe('metric');
    expect(definitionProblem({ ...ok, warning: null }, metrics)).toBe('thresholds');
    expect(definitionProblem({ ...ok, critical: 70 }, metrics)).toBe('order');
    expect(definitionProblem({ ...ok, direction: 'below' }, metrics)).toBe('order');
    expect(definitionProblem({ ...ok, direction: 'below', warning: 20, critical: 10 }, metrics)).toBeNull();
    expect(definitionProblem({ ...ok, tolerance: -1 }, metrics)).toBe('tolerance');
    expect(definitionProblem({ ...ok, durationSec: 1.5 }, metrics)).toBe('duration');
  });

  it('checks actions: they fit the object kind, repeats are whole minutes and never on clear', () => {
    const act = (
      type: 'notify' | 'host.enterMaintenance' | 'vm.reset',
      on: 'warning' | 'critical' | 'clear',
      repeatMin: number | null,
    ) => ({
      type,
      on,
      repeatMin,
    });
    expect(
      definitionProblem(
        { ...ok, actions: [act('notify', 'warning', 30), act('host.enterMaintenance', 'critical', null)] },
        metrics,
      ),
    ).toBeNull();
    expect(definitionProblem({ ...ok, actions: [act('vm.reset', 'critical', null)] }, metrics)).toBe(
      'actionKind',
    );
    expect(definitionProblem({ ...ok, actions: [act('notify', 'clear', 5)] }, metrics)).toBe('repeat');
    expect(definitionProblem({ ...ok, actions: [act('notify', 'warning', 1.5)] }, metrics)).toBe('repeat');
    expect(actionsInput([act('notify', 'warning', 0), act('host.enterMaintenance', 'critical', 10)])).toEqual(
      [
        { type: 'notify', on: 'warning' },
        { type: 'host.enterMaintenance', on: 'critical', repeatMin: 10 },
      ],
    );
  });
});

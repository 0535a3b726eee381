import { describe, expect, it } from 'vitest';
import { definitionProblem, type DefinitionDraft } from './definitions';

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
});

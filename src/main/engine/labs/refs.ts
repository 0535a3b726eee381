/** Checks a lab against its scenario: drill events, check scopes, metric names, times. */
import type { MetricCatalog } from '../api';
import type { Scenario } from '../model/scenario';
import { eventProblems, scenarioIds } from '../storyline/refs';
import type { Lab } from './types';

export function labProblems(lab: Lab, scenario: Scenario, catalog: MetricCatalog): string[] {
  const problems = eventProblems(lab.drills, scenario, lab.durationSec, 'drills');
  const ids = scenarioIds(scenario);
  const checkIds = new Set<string>();
  lab.checks.forEach((c, i) => {
    const label = `checks[${i}] (${c.id})`;
    if (checkIds.has(c.id)) problems.push(`${label}: the id "${c.id}" is used twice`);
    checkIds.add(c.id);
    if ((c.fromSec ?? 0) > lab.durationSec)
      problems.push(`${label}: fromSec ${c.fromSec} is after the end of the lab (${lab.durationSec} s)`);
    if ((c.kind === 'metric' || c.kind === 'count') && c.withinId !== undefined && !ids.has(c.withinId)) {
      problems.push(`${label}: withinId "${c.withinId}" does not exist in the scenario "${scenario.name}"`);
    }
    if (c.kind === 'metric' && !(catalog[c.entityKind] ?? []).some((d) => d.name === c.metric)) {
      const known = (catalog[c.entityKind] ?? []).map((d) => d.name).join(', ');
      problems.push(`${label}: ${c.entityKind} has no metric "${c.metric}" (known: ${known})`);
    }
  });
  if (lab.checks.length === 0) problems.push('checks: a lab needs at least one check');
  return problems;
}

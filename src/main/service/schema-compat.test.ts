/**
 * Compile-time check that the shared zod schemas and the engine's types describe the same data,
 * in both directions (a schema-valid command is an engine Command, and every engine Command passes
 * the schema's type). The runtime part parses the built-in scenarios with the scenario schema.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CommandSchema } from '../../shared/schemas/commands';
import { ScenarioSchema } from '../../shared/schemas/scenario';
import { builtinScenario, builtinScenarios, type Command, type Scenario } from '../engine';

type Assignable<A, B> = [A] extends [B] ? true : false;
const yes = <T extends true>(): T => true as T;

describe('schema ↔ engine type compatibility', () => {
  it('commands: schema output is an engine Command and vice versa', () => {
    yes<Assignable<z.infer<typeof CommandSchema>, Command>>();
    yes<Assignable<Command, z.input<typeof CommandSchema>>>();
    expect(true).toBe(true);
  });
  it('scenarios: schema output is an engine Scenario and vice versa', () => {
    yes<Assignable<z.infer<typeof ScenarioSchema>, Scenario>>();
    yes<Assignable<Scenario, z.input<typeof ScenarioSchema>>>();
    expect(true).toBe(true);
  });
  it('every built-in scenario passes the scenario schema', () => {
    for (const b of builtinScenarios) {
      const s = builtinScenario(b.id);
      const r = ScenarioSchema.safeParse(JSON.parse(JSON.stringify(s)));
      expect(r.success, `${b.id}: ${r.success ? '' : r.error.message}`).toBe(true);
    }
  });
});

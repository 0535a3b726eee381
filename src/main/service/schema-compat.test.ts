/**
 * The runtime half of the schema ↔ engine compatibility check: every built-in scenario parses with
 * the scenario schema. The type half is schema-compat.typecheck.ts, checked by `npm run typecheck`.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../shared/schemas/scenario';
import { builtinScenario, builtinScenarios } from '../engine';

describe('schema ↔ engine compatibility', () => {
  it('every built-in scenario passes the scenario schema', () => {
    for (const b of builtinScenarios) {
      const s = builtinScenario(b.id);
      const r = ScenarioSchema.safeParse(JSON.parse(JSON.stringify(s)));
      expect(r.success, `${b.id}: ${r.success ? '' : r.error.message}`).toBe(true);
    }
  });
});

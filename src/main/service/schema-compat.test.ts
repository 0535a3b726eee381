/**
 * The runtime half of the schema ↔ engine compatibility check: every built-in scenario parses with
 * the scenario schema. The type half is schema-compat.typecheck.ts, checked by `npm run typecheck`.
 */
import { describe, expect, it } from 'vitest';
import { ScenarioSchema } from '../../shared/schemas/scenario';
import { contract } from '../../shared/contract';
import {
  EntityDetailSchema,
  ENTITY_KINDS,
  MigrationPrecheckSchema,
  PlacementExplanationSchema,
} from '../../shared/schemas/views';
import { builtinScenario, builtinScenarios, createEngine } from '../engine';

describe('schema ↔ engine compatibility', () => {
  it('every built-in scenario passes the scenario schema', () => {
    for (const b of builtinScenarios) {
      const s = builtinScenario(b.id);
      const r = ScenarioSchema.safeParse(JSON.parse(JSON.stringify(s)));
      expect(r.success, `${b.id}: ${r.success ? '' : r.error.message}`).toBe(true);
    }
  });

  it('every object of the built-in scenarios describes to exactly the strict contract shape of its kind', () => {
    for (const b of builtinScenarios) {
      const created = createEngine(builtinScenario(b.id)!);
      if (!created.ok) throw new Error(created.error.message);
      const e = created.value;
      for (let i = 0; i < 3; i++) e.step();
      let described = 0;
      for (const kind of ENTITY_KINDS) {
        for (const row of e.list(kind)) {
          const d = e.describe(row.id);
          if (!d.ok) throw new Error(d.error.message);
          const parsed = EntityDetailSchema.safeParse(d.value);
          expect(parsed.success, `${b.id} ${row.id}: ${parsed.success ? '' : parsed.error.message}`).toBe(
            true,
          );
          // strict: nothing the schema does not know is dropped on the way
          expect(parsed.data).toEqual(d.value);
          described++;
        }
      }
      expect(described).toBeGreaterThan(5);
      const vm = e.list('vm')[0]!;
      const host = e.list('host').find((h) => h.id !== vm.parentId)!;
      const pre = e.precheckMigration(vm.id, host.id);
      expect(pre.ok && MigrationPrecheckSchema.strict().parse(pre.value)).toBeTruthy();
      const ex = e.explainPlacement({ kind: 'vm', vcpus: 2, memMiB: 2048 });
      expect(ex.ok && PlacementExplanationSchema.strict().parse(ex.value)).toBeTruthy();
    }
  });

  it('placement.explain takes only queries the engine understands, and names the bad field', () => {
    const params = contract['placement.explain'].params;
    expect(
      params.safeParse({ spec: { kind: 'vm', vcpus: 2, memMiB: 2048, clusterId: 'cl-1' } }).success,
    ).toBe(true);
    expect(params.safeParse({ spec: { vmId: 'vm-1', excludeHostIds: ['host-1'] } }).success).toBe(true);
    const typo = params.safeParse({ spec: { kind: 'vm', vcpus: 2, memMb: 2048 } });
    expect(typo.success).toBe(false);
    expect(typo.error?.issues.map((i) => i.path.join('.')).join(' ')).toContain('spec');
    expect(
      params.safeParse({ spec: { kind: 'container', cpuRequestMilli: 0, memRequestMiB: 64 } }).success,
    ).toBe(false);
  });
});

/**
 * The live state is read in slices (issue 21: `recording.verify` hashed the live engine in one 387-ms
 * step): the pieces must give exactly the text and the hash of the one-step functions.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtinScenario, createEngine } from '.';
import { jsonPieces } from './snapshot';

describe('the state in pieces', () => {
  it('jsonPieces concatenates to JSON.stringify for any JSON object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
        expect([...jsonPieces(o)].join('')).toBe(JSON.stringify(o));
      }),
      { numRuns: 300 },
    );
    const odd = { a: undefined, b: [undefined, 1, () => 1], c: () => 1, d: [] } as Record<string, unknown>;
    expect([...jsonPieces(odd)].join('')).toBe(JSON.stringify(odd));
    expect([...jsonPieces({})].join('')).toBe('{}');
  });

  it('snapshotJsonPieces and runHashSteps give the snapshot text and run hash of a running engine', () => {
    for (const id of ['small-lab', 'enterprise']) {
      const e = createEngine(builtinScenario(id)!);
      if (!e.ok) throw new Error(e.error.message);
      const engine = e.value;
      for (let i = 0; i < 30; i++) engine.step();
      expect([...engine.snapshotJsonPieces()].join('')).toBe(engine.snapshotJson());
      const steps = engine.runHashSteps();
      let n = 0;
      let r = steps.next();
      let last = 0;
      for (; !r.done; r = steps.next()) {
        n++;
        expect(r.value).toBeGreaterThanOrEqual(last);
        last = r.value;
      }
      expect(r.value).toBe(engine.runHash());
      // One step per record: a large state is many steps.
      expect(n).toBeGreaterThan(engine.world.vms.length);
    }
  });
});

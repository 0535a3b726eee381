/**
 * Issue 21 finding 4: what-if branches were unbounded full copies (300 branches of a 6 MiB file =
 * 1.9 GiB). Their number and disk use are limited, with an error naming the limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenario, type Engine } from '../../engine';
import type { Workspace } from '../../store';
import { recorded } from './testing';
import { branchBytes, branchDir, createBranch, deleteBranch, WHATIF_LIMITS, BranchError } from './whatif';
import { VdcService } from '../vdc-service';

let dir: string;
let engine: Engine;
let ws: Workspace;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-whatif-limits-'));
  ({ engine, ws } = recorded(dir, builtinScenario('small-lab')!, { tickSeconds: 20, days: 0.02 }));
});
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const errorOf = (fn: () => unknown): BranchError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof BranchError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('what-if branch limits', () => {
  it('refuses a branch beyond the maximum number, naming the limit; deleting one makes room', () => {
    const limits = { ...WHATIF_LIMITS, maxBranches: 3 };
    const made = [1, 2, 3].map((i) => createBranch(ws, engine.snapshot(), `b${i}`, [], limits));
    const e = errorOf(() => createBranch(ws, engine.snapshot(), 'b4', [], limits));
    expect(e.code).toBe('INVALID_STATE');
    expect(e.message).toContain('already has 3 what-if branches; the limit is 3');
    expect(readdirSync(branchDir(ws.path)).filter((f) => f.endsWith('.vdc'))).toHaveLength(3);
    deleteBranch(ws.path, made[0]!.id);
    expect(createBranch(ws, engine.snapshot(), 'b4', [], limits).name).toBe('b4');
    for (const b of [made[1]!, made[2]!]) deleteBranch(ws.path, b.id);
  });

  it('refuses a branch whose copy would pass the disk limit for the branches of a workspace', () => {
    for (const b of readdirSync(branchDir(ws.path)).filter((f) => f.endsWith('.vdc')))
      deleteBranch(ws.path, b.replace(/\.vdc$/, ''));
    expect(branchBytes(ws.path)).toBe(0);
    createBranch(ws, engine.snapshot(), 'c1', []);
    createBranch(ws, engine.snapshot(), 'c2', []);
    // The copy is estimated from the parent file and its WAL.
    const copy = [ws.path, `${ws.path}-wal`].reduce((s, f) => s + (existsSync(f) ? statSync(f).size : 0), 0);
    const limits = { ...WHATIF_LIMITS, maxTotalBytes: branchBytes(ws.path) + copy - 1 };
    const e = errorOf(() => createBranch(ws, engine.snapshot(), 'c3', [], limits));
    expect(e.code).toBe('INVALID_STATE');
    expect(e.message).toMatch(/its branches already take \d+ MiB and the limit is \d+ MiB per workspace/);
    expect(branchBytes(ws.path)).toBeLessThanOrEqual(limits.maxTotalBytes);
  });

  it('refuses a branch that would leave less free disk than the minimum', () => {
    const e = errorOf(() =>
      createBranch(ws, engine.snapshot(), 'd', [], {
        ...WHATIF_LIMITS,
        minFreeBytes: Number.MAX_SAFE_INTEGER,
      }),
    );
    expect(e.message).toMatch(/of disk is free; at least \d+ MiB must remain free/);
  });

  it('the API answers the limit as a typed error', async () => {
    const svc = await VdcService.start({ dataDir: join(dir, 'svc'), shell: 'test', autoPlay: false });
    try {
      // All but the last in this thread (each API call starts a thread of its own: slow under tsx).
      const s = svc.session!;
      for (let i = 0; i < WHATIF_LIMITS.maxBranches - 1; i++)
        createBranch(s.workspace!, s.engine.snapshot(), `w${i}`, []);
      const last = await svc.call('t', 'whatif.create', { name: 'last', changes: [] });
      expect(last.ok, JSON.stringify(last)).toBe(true);
      const r = await svc.call('t', 'whatif.create', { name: 'one too many', changes: [] });
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'INVALID_STATE',
          message: expect.stringContaining(`the limit is ${WHATIF_LIMITS.maxBranches}`),
        },
      });
    } finally {
      await svc.dispose();
    }
  });
});

/**
 * The layer rules of docs/architecture.md hold on resolved paths: dependency-cruiser (run by
 * `npm run lint` with .dependency-cruiser.cjs) is given small fixture trees laid out like src/ and must
 * refuse each forbidden import, however the import string is spelled, and accept the allowed ones.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
let dir = '';

/** Writes the files into a fresh tree and runs depcruise with the project's config; answers the violated rule names. */
function cruise(files: Record<string, string>): string[] {
  dir = mkdtempSync(join(tmpdir(), 'vdc-layers-'));
  // the config resolves the renderer's aliases with tsconfig.web.json: the same aliases, over the fixture files
  writeFileSync(
    join(dir, 'tsconfig.web.json'),
    JSON.stringify({
      compilerOptions: {
        baseUrl: '.',
        paths: { '@shared/*': ['src/shared/*'], '@renderer/*': ['src/renderer/src/*'] },
      },
      include: ['src/**/*.ts'],
    }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  let out: string;
  try {
    out = execFileSync(
      process.execPath,
      [CLI, 'src', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'],
      { cwd: dir, encoding: 'utf8' },
    );
  } catch (e) {
    // exit code = number of errors; the JSON report is on stdout either way
    out = String((e as { stdout?: unknown }).stdout ?? '');
  }
  const report = JSON.parse(out) as {
    summary: { violations: { rule: { name: string }; from: string; to: string }[] };
  };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

const store = { 'src/main/store/index.ts': 'export const open = 1;\n' };

describe('layers enforced on resolved paths (dependency-cruiser)', () => {
  it("refuses engine/physics importing '../../store' (a relative path the old string patterns let through)", () => {
    const v = cruise({
      ...store,
      'src/main/engine/physics/tick.ts': "import { open } from '../../store';\nexport const x = open;\n",
    });
    expect(v).toEqual(['engine-is-pure: src/main/engine/physics/tick.ts → src/main/store/index.ts']);
  });

  it('refuses a node built-in in the engine, and the store importing the service', () => {
    const v = cruise({
      ...store,
      'src/main/engine/a.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
      'src/main/service/index.ts': 'export const svc = 1;\n',
      'src/main/store/b.ts': "import { svc } from '../service';\nexport const s = svc;\n",
    });
    expect(v.sort()).toEqual([
      'engine-is-pure: src/main/engine/a.ts → fs',
      'store-below-service: src/main/store/b.ts → src/main/service/index.ts',
    ]);
  });

  it('refuses the renderer importing main code through a relative path, and shared importing the engine', () => {
    const v = cruise({
      'src/main/engine/index.ts': 'export const e = 1;\n',
      'src/renderer/src/stores/x.ts': "import { e } from '../../../main/engine';\nexport const y = e;\n",
      'src/shared/contract.ts': "import { e } from '../main/engine';\nexport const c = e;\n",
    });
    expect(v.sort()).toEqual([
      'renderer-only-through-api: src/renderer/src/stores/x.ts → src/main/engine/index.ts',
      'shared-is-runtime-neutral: src/shared/contract.ts → src/main/engine/index.ts',
    ]);
  });

  it('accepts the allowed directions: service → engine and store, store → engine, renderer → shared', () => {
    const v = cruise({
      ...store,
      'src/main/engine/index.ts': 'export const e = 1;\n',
      'src/main/store/c.ts': "import { e } from '../engine';\nexport const s = e;\n",
      'src/main/service/d.ts':
        "import { e } from '../engine';\nimport { open } from '../store';\nexport const s = e + open;\n",
      'src/shared/methods.ts': 'export const M = 1;\n',
      'src/renderer/src/api/index.ts': "import { M } from '@shared/methods';\nexport const a = M;\n",
    });
    expect(v).toEqual([]);
  });
});

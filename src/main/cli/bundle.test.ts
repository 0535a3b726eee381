/**
 * The `vdc` command as installed: bin/vdc.cjs runs the esbuild bundle (out/cli/vdc.js) with plain node,
 * rebuilding it first when a source is newer. These tests spawn the real bin in a child process.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'vdc.cjs');

function vdc(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the bundled vdc', () => {
  it('prints its help and the built-in scenarios without TypeScript at run time', () => {
    const help = vdc('--help');
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^vdc — VDC Studio on the command line/);
    expect(help.stdout).toContain('serve');
    const list = vdc('scenarios');
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/enterprise/);
    // What ran is the bundle, one CommonJS file built from the sources.
    expect(readFileSync(join(ROOT, 'out', 'cli', 'vdc.js'), 'utf8')).toContain(
      'Built by scripts/build-cli.mjs',
    );
  });

  it('keeps tsx out of the runtime dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      bin: Record<string, string>;
    };
    expect(pkg.dependencies).not.toHaveProperty('tsx');
    expect(pkg.devDependencies).toHaveProperty('esbuild');
    expect(pkg.bin.vdc).toBe('./bin/vdc.cjs');
  });
});

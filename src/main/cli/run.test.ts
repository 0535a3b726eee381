import { describe, expect, it } from 'vitest';
import { runCli, findCommand } from './run';
import type { CliCommand, CliIO } from './command';
import { commands } from './registry';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    isTTY: false,
    cwd: process.cwd(),
  };
}

describe('vdc', () => {
  it('prints help listing every registered command', async () => {
    const io = capture();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const c of commands) expect(io.stdout.join('\n')).toContain(c.name);
  });

  it('prints the package version', async () => {
    const io = capture();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.stdout[0]).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('rejects an unknown command with exit code 2 and a pointer to --help', async () => {
    const io = capture();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.stderr.join('')).toMatch(/unknown command "frobnicate".*--help/);
  });

  it('lists each command with the summary its module gives (the registry loads modules lazily)', async () => {
    for (const entry of commands) {
      const c = await entry.load();
      expect(c.name).toBe(entry.name);
      expect(c.summary).toBe(entry.summary);
    }
  });

  it('prints a command usage for --help and reports bad flags with exit code 2', async () => {
    for (const c of commands) {
      const io = capture();
      expect(await runCli([...c.name.split(' '), '--help'], io)).toBe(0);
      expect(io.stdout.join('\n').length).toBeGreaterThan(20);
      const bad = capture();
      expect(
        await runCli([...c.name.split(' '), '--no-such-flag-xyz'], bad),
        `${c.name} with an unknown flag`,
      ).toBe(2);
      expect(bad.stderr.join('\n')).toMatch(/no-such-flag-xyz/);
    }
  });

  it('matches multi-word commands by their longest name', () => {
    const a = { name: 'storyline', summary: '', usage: '', run: async () => 0 } satisfies CliCommand;
    const b = { name: 'storyline run', summary: '', usage: '', run: async () => 0 } satisfies CliCommand;
    expect(findCommand(['storyline', 'run', 'x.json'], [a, b])).toEqual({ command: b, rest: ['x.json'] });
    expect(findCommand(['storyline', 'list'], [a, b])).toEqual({ command: a, rest: ['list'] });
  });

  it('reports a damaged file or a file-system error met mid-command as a message with exit 1, no stack trace', async () => {
    const realSqlite = async () => {
      // The exception better-sqlite3 throws on a damaged page: a real SqliteError.
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(':memory:');
      try {
        db.prepare('SELECT * FROM no_such_table').all();
      } finally {
        db.close();
      }
      return 0;
    };
    const cmd = { name: 'boom', summary: '', usage: '', run: realSqlite } satisfies CliCommand;
    const io = capture();
    expect(await runCli(['boom'], io, [cmd])).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/^vdc boom: no such table: no_such_table \[SQLITE_ERROR\]$/);
    const fsCmd = {
      name: 'fsboom',
      summary: '',
      usage: '',
      run: async () => ((await import('node:fs')).readFileSync(`/tmp/${'x'.repeat(300)}`), 0),
    } satisfies CliCommand;
    const io2 = capture();
    expect(await runCli(['fsboom'], io2, [fsCmd])).toBe(1);
    expect(io2.stderr.join('\n')).toMatch(/ENAMETOOLONG.*\(\/tmp\/x+\) \[ENAMETOOLONG\]$/);
    expect(io2.stderr.join('\n')).not.toMatch(/\n\s+at /);
  });
});

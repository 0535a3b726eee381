import { describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from '../command';
import { placeCommand } from './place';

function io(): CliIO & { stdout: string[]; stderr: string[] } {
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

describe('vdc place', () => {
  it('prints the Nova explanation table for a new VM in the small lab', async () => {
    const o = io();
    const code = await placeCommand.run(
      ['--vm-spec', '{"vcpus":4,"memMiB":8192}', '--policy', 'nova', '--after', '0'],
      o,
    );
    expect(code).toBe(0);
    const text = o.stdout.join('\n');
    expect(text).toContain('RAMWeigher');
    expect(text).toMatch(/^\*\s+esx-\d+\s+eligible/m);
    expect(text).toMatch(/nova chose esx-\d+/);
  });

  it('answers JSON with a verdict per host', async () => {
    const o = io();
    expect(
      await placeCommand.run(
        ['--vm-spec', '{"vcpus":2,"memMiB":2048}', '--policy', 'worst-fit', '--json'],
        o,
      ),
    ).toBe(0);
    const x = JSON.parse(o.stdout.join('\n')) as {
      policy: string;
      chosenHostId: string;
      hosts: { hostId: string; eligible: boolean }[];
    };
    expect(x.policy).toBe('worst-fit');
    expect(x.hosts.length).toBeGreaterThan(1);
    expect(x.hosts.some((h) => h.hostId === x.chosenHostId && h.eligible)).toBe(true);
  });

  it('exits 1 and names the filter when no host can take the VM', async () => {
    const o = io();
    expect(await placeCommand.run(['--vm-spec', '{"vcpus":700,"memMiB":8192}', '--after', '0'], o)).toBe(1);
    expect(o.stdout.join('\n')).toMatch(/rejected by SizeFilter/);
  });

  it('refuses bad input with a usable message', async () => {
    await expect(placeCommand.run(['--vm-spec', '{"vcpus":0}'], io())).rejects.toThrow(UsageError);
    await expect(placeCommand.run(['--vm-spec', 'not json'], io())).rejects.toThrow(/not JSON/);
    await expect(
      placeCommand.run(['--vm-spec', '{"vcpus":1,"memMiB":64}', '--policy', 'magic'], io()),
    ).rejects.toThrow(/valid: nova/);
    const o = io();
    expect(await placeCommand.run(['--scenario', 'nope', '--vm-spec', '{"vcpus":1,"memMiB":64}'], o)).toBe(1);
    expect(o.stderr.join('')).toMatch(/unknown scenario "nope"/);
  });
});

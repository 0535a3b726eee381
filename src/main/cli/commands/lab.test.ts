import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VdcService } from '../../service/vdc-service';
import { labCheckCommand } from './lab';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-cli-lab-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  return {
    out,
    io: { out: (t: string) => out.push(t), err: (t: string) => out.push(t), isTTY: false, cwd: dir },
  };
}

/** A learner's lab workspace: lab-power-on with `vms` powered on, then `ticks` ticks. */
async function learnerWorkspace(vms: string[], ticks: number): Promise<string> {
  const svc = await VdcService.start({ dataDir: dir, shell: 'test', autoPlay: false });
  try {
    const started = await svc.call('t', 'lab.start', { id: 'lab-power-on', play: false });
    if (!started.ok) throw new Error(started.error.message);
    for (const vmId of vms)
      await svc.call('t', 'command.execute', { command: { type: 'vm.power', vmId, action: 'on' } });
    await svc.call('t', 'clock.step', { ticks });
    return svc.workspaceInfo()!.path;
  } finally {
    await svc.dispose();
  }
}

describe('vdc lab check', () => {
  it('passes a workspace where the learner powered on the web tier (exit 0), and writes the result', async () => {
    const path = await learnerWorkspace(['vm-web-01', 'vm-web-02', 'vm-web-03', 'vm-web-04'], 15);
    const a = io();
    expect(await labCheckCommand.run(['--workspace', path], a.io)).toBe(0);
    expect(a.out.join('\n')).toMatch(/lab-power-on: PASSED at \d+ s/);
    expect(a.out.join('\n')).toContain('learner actions: 4');
    expect(await labCheckCommand.run(['--workspace', path, '--json', '--out', 'grade.json'], io().io)).toBe(
      0,
    );
    const json = JSON.parse(readFileSync(join(dir, 'grade.json'), 'utf8')) as {
      progress: { status: string };
    };
    expect(json.progress.status).toBe('passed');
  });

  it('does not pass a half-done workspace (exit 1) and says it is not finished', async () => {
    const path = await learnerWorkspace(['vm-web-01'], 15);
    const a = io();
    expect(await labCheckCommand.run(['--workspace', path], a.io)).toBe(1);
    expect(a.out.join('\n')).toContain('NOT FINISHED');
    // an unknown lab given with --lab: a clear refusal
    const b = io();
    expect(await labCheckCommand.run(['--workspace', path, '--lab', 'no-such-lab'], b.io)).toBe(1);
    expect(b.out.join('\n')).toContain('neither a lab file nor a built-in lab');
  });
});

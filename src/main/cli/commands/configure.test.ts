/**
 * `vdc configure` (issue 20, session 6): each resource-management setting of an object changed in a real
 * workspace file through the CLI, kept in its command log and checkpoint (a reopen has it), refusals with
 * exit 1 naming the reason, usage errors with exit 2.
 */
import nodePath from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinScenario, type Scenario } from '../../engine';
import { openRecordedRun } from '../../service/headless';
import { removeTempDirs, tempDir } from '../../store/testing/synth';
import { UsageError, type CliIO } from '../command';
import { configureCommand } from './configure';

afterAll(removeTempDirs);

function io(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), isTTY: false, cwd: '/' };
}
function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('vdc configure', () => {
  const scenario = builtinScenario('small-lab') as Scenario;
  const file = nodePath.join(tempDir(), 'lab.vdc');
  const made = must(openRecordedRun({ path: file, scenario }));
  for (let i = 0; i < 3; i++) made.step();
  must(made.finish());
  const cluster = scenario.clusters[0]!.id;
  const vm = scenario.vms.find((v) => (v.power ?? 'poweredOn') === 'poweredOn')!.id;
  const ds = scenario.datastores[0]!.id;
  const host = scenario.hosts[0]!.id;
  const configure = async (...args: string[]) => {
    const o = io();
    const code = await configureCommand.run(['--workspace', file, ...args], o);
    return { code, out: o.stdout.join('\n'), err: o.stderr.join('\n') };
  };

  it('creates, sets, nests, moves pools and moves a VM in; a reopen has them', async () => {
    const a = await configure(
      'pool',
      'create',
      '--cluster',
      cluster,
      '--name',
      'Tenant A',
      '--cpu-shares',
      'high',
      '--cpu-reservation',
      '1000',
      '--json',
    );
    expect(a.code).toBe(0);
    const poolA = (JSON.parse(a.out) as { createdId: string }).createdId;
    const b = await configure(
      'pool',
      'create',
      '--cluster',
      cluster,
      '--name',
      'Tenant B',
      '--mem-limit',
      '8192',
    );
    expect(b.code).toBe(0);
    const poolB = /created (\S+)/.exec(b.out)![1]!;
    expect(b.out).toContain('pool.create applied to');
    expect(
      (
        await configure(
          'pool',
          'set',
          poolA,
          '--cpu-shares',
          '16000',
          '--mem-expandable',
          'no',
          '--mem-reservation',
          '4096',
        )
      ).code,
    ).toBe(0);
    expect((await configure('pool', 'add-vm', poolA, vm)).code).toBe(0);
    expect((await configure('pool', 'move', poolA, '--to', poolB)).code).toBe(0);
    const cycle = await configure('pool', 'move', poolB, '--to', poolA);
    expect(cycle.code).toBe(1);
    expect(cycle.err).toContain('refused, nothing changed');
    expect(cycle.err).toContain('cannot move into its own subtree');

    const again = must(openRecordedRun({ path: file, scenario: null }));
    const views = must(again.session.engine.pools(cluster));
    must(again.finish());
    const va = views.find((p) => p.id === poolA)!;
    expect(va).toMatchObject({ name: 'Tenant A', parentId: poolB, vmIds: [vm] });
    expect(va.cpu).toMatchObject({ shares: 16000, sharesLevel: 'custom', reservation: 1000 });
    expect(va.mem).toMatchObject({ reservation: 4096, expandable: false });
    expect(views.find((p) => p.id === poolB)!.mem.limit).toBe(8192);
  });

  it('SIOC, disk IOPS, runtime, layers, host topology and any command as JSON', async () => {
    expect((await configure('datastore', 'sioc', ds, 'on', '--threshold', '25')).code).toBe(0);
    expect(
      (await configure('vm', 'disk-io', vm, '--disk', '0', '--iops-shares', 'high', '--iops-limit', '4000'))
        .code,
    ).toBe(0);
    expect((await configure('vm', 'runtime', vm, '--runtime', 'jvm', '--heap', '2048')).code).toBe(0);
    // A running VM's layers and a host running VMs cannot change: refused with the engine's reason.
    const layers = await configure('vm', 'layers', vm, '--nested', 'yes');
    expect(layers.code).toBe(1);
    expect(layers.err).toMatch(/refused, nothing changed: .*power/i);
    const topo = await configure('host', 'topology', host, '--numa-nodes', '2', '--threads-per-core', '2');
    expect(topo.code).toBe(1);
    expect(topo.err).toContain('refused, nothing changed');
    const json = await configure('command', JSON.stringify({ type: 'vm.power', vmId: vm, action: 'off' }));
    expect(json.code).toBe(0);
    expect(json.out).toContain('task ');

    const again = must(openRecordedRun({ path: file, scenario: null }));
    const e = again.session.engine;
    const dsv = e.world.datastores.find((d) => d.id === ds)!;
    const vmr = e.world.vms.find((v) => v.id === vm)!;
    must(again.finish());
    expect(dsv.sioc).toEqual({ enabled: true, thresholdMs: 25 });
    expect(vmr.disks[0]).toMatchObject({ iopsLimit: 4000 });
    expect(vmr.workload.runtime).toEqual({ kind: 'jvm', heapMiB: 2048 });
  });

  it('bad usage throws a UsageError naming the flag; a missing file is exit 1', async () => {
    await expect(configure('pool', 'create', '--name', 'X')).rejects.toThrow('--cluster is required');
    await expect(configure('pool', 'set', 'p', '--cpu-reservation', 'lots')).rejects.toThrow(
      '--cpu-reservation must be a whole number, got "lots"',
    );
    await expect(configure('pool', 'power', 'p', 'sideways')).rejects.toThrow('on or off');
    await expect(configure('vm', 'explode', 'x')).rejects.toThrow('unknown change "vm explode"');
    await expect(configure('command', '{"type":"vm.power"}')).rejects.toThrow(UsageError);
    const o = io();
    expect(
      await configureCommand.run(
        ['--workspace', nodePath.join(tempDir(), 'none.vdc'), 'pool', 'delete', 'p'],
        o,
      ),
    ).toBe(1);
    expect(o.stderr.join('')).toContain('does not exist');
  });
});

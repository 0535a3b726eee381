/**
 * Commands of the detailed CPU model (physics/topology.ts): a host's NUMA nodes and threads
 * (`host.topology`) and a VM's virtualization layers (`vm.layers`: nested hypervisor, passthrough devices).
 */
import { engineError, err, ok, type CommandReceipt, type Result } from '../api';
import type { Command } from '../model/commands';
import { msg } from '../messages';
import { checkLayers, checkTopology, FieldChecker } from '../world/check-fields';
import type { World } from '../world/world';
import { setVmOptional } from '../world/records';
import { invalid, notFound, workloadProblems } from './validate';
import { canonicalWorkload } from '../model/canonical';
import { workloadParams } from '../workload/params';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

/**
 * Sets (or with `topology: null` removes) a host's CPU topology. Hyper-threading is a firmware setting
 * and NUMA interleaving too: the host must run no VM (maintenance mode, or simply empty).
 */
export function hostTopology(w: World, cmd: Cmd<'host.topology'>): Result<CommandReceipt> {
  const host = w.hostById.get(cmd.hostId);
  if (!host) return err(notFound('host', cmd.hostId));
  if (cmd.topology !== null) {
    const c = new FieldChecker();
    checkTopology(c, 'topology', { ...host, topology: cmd.topology });
    if (c.problems.length > 0) return err(invalid(c.problems, `Cannot change the topology of ${host.name}`));
  }
  const running = w.vms.filter((v) => v.hostId === host.id && v.power === 'poweredOn').length;
  if (running > 0)
    return err(
      engineError('INVALID_STATE', msg('refuse.topologyRunning', { host: host.name, count: running })),
    );
  if (cmd.topology === null) {
    delete host.topology;
    w.event('info', 'host.topology', msg('ev.hostTopologyFlat', { host: host.name }), [host.id]);
  } else {
    host.topology = { numaNodes: cmd.topology.numaNodes, threadsPerCore: cmd.topology.threadsPerCore };
    w.event(
      'info',
      'host.topology',
      msg('ev.hostTopology', {
        host: host.name,
        nodes: cmd.topology.numaNodes,
        threads: cmd.topology.threadsPerCore,
      }),
      [host.id],
    );
  }
  return ok({});
}

/**
 * A VM's virtualization layers. Both need the VM powered off (vSphere: exposing hardware virtualization
 * to the guest and adding a PCI passthrough device are offline changes). Empty list / false = removed,
 * so a VM without them serialises as before.
 */
export function vmLayers(w: World, cmd: Cmd<'vm.layers'>): Result<CommandReceipt> {
  const vm = w.vmById.get(cmd.vmId);
  if (!vm) return err(notFound('VM', cmd.vmId));
  const c = new FieldChecker();
  checkLayers(c, 'vm.layers', cmd as unknown as Record<string, unknown>);
  if (c.problems.length > 0) return err(invalid(c.problems, `Cannot configure ${vm.name}`));
  const changes =
    (cmd.nested !== undefined && cmd.nested !== (vm.nested === true)) ||
    (cmd.passthrough !== undefined && cmd.passthrough.join('\n') !== (vm.passthrough ?? []).join('\n'));
  if (!changes) return ok({});
  if (vm.power !== 'poweredOff')
    return err(
      engineError(
        'INVALID_STATE',
        msg('refuse.nestedPower', { vm: vm.name, power: msg(`vmPower.${vm.power}`) }),
      ),
    );
  if (vm.busyTaskId !== null)
    return err(engineError('CONFLICT', msg('refuse.vmBusyOther', { vm: vm.name, task: vm.busyTaskId })));
  if (cmd.nested !== undefined) setVmOptional(vm, 'nested', cmd.nested ? true : undefined);
  if (cmd.passthrough !== undefined)
    setVmOptional(vm, 'passthrough', cmd.passthrough.length > 0 ? [...cmd.passthrough] : undefined);
  w.event('info', 'vm.reconfigured', msg('ev.vmReconfigured', { vm: vm.name }), [vm.id]);
  return ok({});
}

/** Sets or removes the managed runtime of a VM's workload (physics/runtime.ts); the rest of the workload stays. */
export function vmRuntime(w: World, cmd: Cmd<'vm.runtime'>): Result<CommandReceipt> {
  const vm = w.vmById.get(cmd.vmId);
  if (!vm) return err(notFound('VM', cmd.vmId));
  const next = { ...vm.workload };
  if (cmd.runtime === null) delete next.runtime;
  else next.runtime = { kind: cmd.runtime.kind, heapMiB: cmd.runtime.heapMiB };
  const problems = workloadProblems(w, next);
  if (problems.length > 0) return err(invalid(problems, `Cannot configure ${vm.name}`));
  vm.workload = canonicalWorkload(next);
  vm.wp = workloadParams(next, 'vm');
  w.workloadEpoch++;
  w.event('info', 'vm.reconfigured', msg('ev.vmReconfigured', { vm: vm.name }), [vm.id]);
  return ok({});
}

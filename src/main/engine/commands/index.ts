/** Dispatches a command to its handler. Handlers validate fully before changing anything. */
import { engineError, err, type CommandReceipt, type EngineError, type Result } from '../api';
import { SCENARIO_LIMITS } from '../world/check-fields';
import type { Command } from '../model/commands';
import type { World } from '../world/world';
import {
  containerCreate,
  containerDelete,
  containerRestart,
  serviceCreate,
  serviceDelete,
  serviceScale,
} from './containers';
import {
  clusterConfigure,
  hostAdd,
  hostFail,
  hostMaintenance,
  hostRemove,
  hostRepair,
  hostStandby,
  taskCancel,
} from './hosts';
import { hostConnection, hostPower } from './host-power';
import { hostTopology, vmLayers, vmRuntime } from './topology';
import { datastoreSioc, vmDiskIo } from './sioc';
import { drsApply } from './drs-apply';
import { clusterGroupDelete, clusterGroupPut, clusterRuleDelete, clusterRulePut } from './rules';
import { vmClone, vmCreate } from './vm-create';
import { poolConfigure, poolCreate, poolDelete, poolMove, poolMoveVm, poolPower } from '../pools/commands';
import { vmConfigure, vmDelete, vmMigrate, vmPower, vmResize } from './vm-ops';
import {
  objectAnnotate,
  vmConsolidate,
  vmSnapshotCreate,
  vmSnapshotDelete,
  vmSnapshotDeleteAll,
  vmSnapshotRevert,
  vmTemplate,
} from './vm-lifecycle';

/** Replicas a service may reach: its count, or its autoscale maximum when higher. */
function replicaCeiling(svc: { replicas: number; autoscale: { maxReplicas: number } | null }): number {
  return Math.max(svc.replicas, svc.autoscale?.maxReplicas ?? 0);
}

/**
 * The scenario bounds (SCENARIO_LIMITS) hold for the life of a simulation: commands cannot grow it past
 * them either, so no sequence of calls can exhaust memory. Null when the command stays within them.
 */
function sizeLimitError(w: World, cmd: Command): EngineError | null {
  const L = SCENARIO_LIMITS;
  const full = (what: string, n: number) =>
    engineError(
      'INVALID_STATE',
      `The simulation already holds ${n} ${what}, the most it allows (docs/model.md, "Limits and validation").`,
      { limit: n },
    );
  switch (cmd.type) {
    case 'vm.create':
    case 'vm.clone':
      return w.vms.length >= L.vms ? full('VMs', L.vms) : null;
    case 'container.create':
      return w.containers.length >= L.containers ? full('containers', L.containers) : null;
    case 'host.add':
      return w.hosts.length >= L.hosts ? full('hosts', L.hosts) : null;
    case 'service.create':
    case 'service.scale': {
      if (cmd.type === 'service.create' && w.services.length >= L.services)
        return full('services', L.services);
      let total = 0;
      for (const svc of w.services)
        if (cmd.type !== 'service.scale' || svc.id !== cmd.serviceId) total += replicaCeiling(svc);
      const current = cmd.type === 'service.scale' ? w.serviceById.get(cmd.serviceId) : undefined;
      const asked =
        cmd.type === 'service.create'
          ? Math.max(Number(cmd.replicas) || 0, Number(cmd.autoscale?.maxReplicas) || 0)
          : Math.max(Number(cmd.replicas) || 0, current?.autoscale?.maxReplicas ?? 0);
      if (total + asked > L.replicasTotal) {
        return engineError(
          'INVALID_STATE',
          `Services would ask for ${total + asked} replicas in all; at most ${L.replicasTotal} are allowed (docs/model.md, "Limits and validation").`,
          { limit: L.replicasTotal },
        );
      }
      return null;
    }
    default:
      return null;
  }
}

export function executeCommand(w: World, cmd: Command): Result<CommandReceipt> {
  if (!cmd || typeof cmd !== 'object' || typeof (cmd as { type?: unknown }).type !== 'string') {
    return err(engineError('INVALID_ARGUMENT', 'A command is an object with a "type" such as "vm.create".'));
  }
  const tooBig = sizeLimitError(w, cmd);
  if (tooBig) return err(tooBig);
  switch (cmd.type) {
    case 'vm.create':
      return vmCreate(w, cmd);
    case 'vm.clone':
      return vmClone(w, cmd);
    case 'vm.delete':
      return vmDelete(w, cmd);
    case 'vm.power':
      return vmPower(w, cmd);
    case 'vm.resize':
      return vmResize(w, cmd);
    case 'vm.configure':
      return vmConfigure(w, cmd);
    case 'vm.migrate':
      return vmMigrate(w, cmd);
    case 'container.create':
      return containerCreate(w, cmd);
    case 'container.delete':
      return containerDelete(w, cmd);
    case 'container.restart':
      return containerRestart(w, cmd);
    case 'service.create':
      return serviceCreate(w, cmd);
    case 'service.scale':
      return serviceScale(w, cmd);
    case 'service.delete':
      return serviceDelete(w, cmd);
    case 'host.add':
      return hostAdd(w, cmd);
    case 'host.remove':
      return hostRemove(w, cmd);
    case 'host.maintenance':
      return hostMaintenance(w, cmd);
    case 'host.standby':
      return hostStandby(w, cmd);
    case 'host.fail':
      return hostFail(w, cmd);
    case 'host.repair':
      return hostRepair(w, cmd);
    case 'cluster.configure':
      return clusterConfigure(w, cmd);
    case 'task.cancel':
      return taskCancel(w, cmd);
    case 'drs.apply':
      return drsApply(w, cmd);
    case 'cluster.rule.put':
      return clusterRulePut(w, cmd);
    case 'cluster.rule.delete':
      return clusterRuleDelete(w, cmd);
    case 'cluster.group.put':
      return clusterGroupPut(w, cmd);
    case 'cluster.group.delete':
      return clusterGroupDelete(w, cmd);
    case 'vm.snapshot.create':
      return vmSnapshotCreate(w, cmd);
    case 'vm.snapshot.revert':
      return vmSnapshotRevert(w, cmd);
    case 'vm.snapshot.delete':
      return vmSnapshotDelete(w, cmd);
    case 'vm.snapshot.deleteAll':
      return vmSnapshotDeleteAll(w, cmd);
    case 'vm.consolidate':
      return vmConsolidate(w, cmd);
    case 'vm.template':
      return vmTemplate(w, cmd);
    case 'object.annotate':
      return objectAnnotate(w, cmd);
    case 'host.power':
      return hostPower(w, cmd);
    case 'host.connection':
      return hostConnection(w, cmd);
    case 'pool.create':
      return poolCreate(w, cmd);
    case 'pool.configure':
      return poolConfigure(w, cmd);
    case 'pool.delete':
      return poolDelete(w, cmd);
    case 'pool.moveVm':
      return poolMoveVm(w, cmd);
    case 'pool.power':
      return poolPower(w, cmd);
    case 'pool.move':
      return poolMove(w, cmd);
    case 'host.topology':
      return hostTopology(w, cmd);
    case 'vm.layers':
      return vmLayers(w, cmd);
    case 'datastore.sioc':
      return datastoreSioc(w, cmd);
    case 'vm.disk.io':
      return vmDiskIo(w, cmd);
    case 'vm.runtime':
      return vmRuntime(w, cmd);
    default: {
      const never: never = cmd;
      return err(
        engineError(
          'INVALID_ARGUMENT',
          `Unknown command type "${String((never as { type: unknown }).type)}".`,
        ),
      );
    }
  }
}

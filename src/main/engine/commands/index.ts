/** Dispatches a command to its handler. Handlers validate fully before changing anything. */
import { engineError, err, type CommandReceipt, type Result } from '../api';
import type { Command } from '../model/commands';
import type { World } from '../world/world';
import { containerCreate, containerDelete, containerRestart, serviceCreate, serviceDelete, serviceScale } from './containers';
import { clusterConfigure, hostAdd, hostFail, hostMaintenance, hostRemove, hostRepair, hostStandby, taskCancel } from './hosts';
import { drsApply } from './drs-apply';
import { vmClone, vmCreate } from './vm-create';
import { vmConfigure, vmDelete, vmMigrate, vmPower, vmResize } from './vm-ops';

export function executeCommand(w: World, cmd: Command): Result<CommandReceipt> {
  if (!cmd || typeof cmd !== 'object' || typeof (cmd as { type?: unknown }).type !== 'string') {
    return err(engineError('INVALID_ARGUMENT', 'A command is an object with a "type" such as "vm.create".'));
  }
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
    default: {
      const never: never = cmd;
      return err(engineError('INVALID_ARGUMENT', `Unknown command type "${String((never as { type: unknown }).type)}".`));
    }
  }
}

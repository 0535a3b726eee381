/** Which actions an object offers (by kind and state), shared by context menus, the pane header and bulk bars. */
import type { EntityKind } from '@renderer/stores/inventory';

export type ActionKey =
  | 'newVm'
  | 'newContainer'
  | 'newService'
  | 'addHost'
  | 'powerOn'
  | 'powerOff'
  | 'shutdown'
  | 'suspend'
  | 'reset'
  | 'migrate'
  | 'clone'
  | 'editVm'
  | 'delete'
  | 'enterMaintenance'
  | 'exitMaintenance'
  | 'failHost'
  | 'repairHost'
  | 'restartContainer'
  | 'scaleService'
  // cluster configuration and host power operations (s4-cfg)
  | 'clusterSettings'
  | 'clusterRules'
  | 'enterStandby'
  | 'exitStandby'
  | 'removeHost'
  | 'rebootHost'
  | 'shutdownHost'
  | 'disconnectHost'
  | 'reconnectHost'
  // VM lifecycle
  | 'takeSnapshot'
  | 'toTemplate'
  | 'toVm'
  | 'deploy'
  | 'annotate'
  // resource pools and vApps (issue 20)
  | 'newPool'
  // issue 20: host topology, VM layers / disks / runtime, datastore SIOC
  | 'resourceSettings';

export interface ActionTarget {
  id: string;
  kind: EntityKind;
  state: string;
}

/** Actions offered for one object, grouped (null = divider). */
export function actionsFor(t: ActionTarget): (ActionKey | null)[] {
  const s = t.state.toLowerCase();
  switch (t.kind) {
    case 'datacenter':
      return [];
    case 'cluster':
      return [
        'newVm',
        'newContainer',
        'newService',
        null,
        'addHost',
        null,
        'clusterSettings',
        'clusterRules',
        null,
        'newPool',
      ];
    case 'host': {
      // Only a connected host takes new workloads (a failed or maintenance host would refuse them).
      const out: (ActionKey | null)[] = s === 'connected' ? ['newVm', 'newContainer', null] : [];
      if (s === 'maintenance') out.push('exitMaintenance');
      else if (s === 'connected') out.push('enterMaintenance');
      if (s === 'connected' || s === 'maintenance')
        out.push('enterStandby', 'rebootHost', 'shutdownHost', 'disconnectHost');
      else if (s === 'standby') out.push('exitStandby');
      else if (s === 'disconnected') out.push('reconnectHost');
      if (s === 'failed') out.push('repairHost');
      else if (s !== 'standby') out.push('failHost');
      out.push(null, 'annotate');
      if (s === 'connected' || s === 'maintenance') out.push('resourceSettings');
      // Only a host that is not connected can leave the inventory (the engine says what still holds it).
      if (s !== 'connected') out.push('removeHost');
      return out;
    }
    case 'vm': {
      // A template is never powered on: it deploys VMs, or converts back to a VM.
      if (s === 'template') return ['deploy', null, 'toVm', 'annotate', null, 'delete'];
      const out: (ActionKey | null)[] = [];
      if (s === 'poweredon') out.push('shutdown', 'powerOff', 'suspend', 'reset');
      // Paused (its datastore is full): still powered on, so it can be powered off or reset, not on.
      else if (s === 'paused') out.push('powerOff', 'reset');
      else out.push('powerOn');
      out.push(null, 'takeSnapshot', 'migrate', 'clone', 'editVm', 'annotate', 'resourceSettings');
      if (s === 'poweredoff') out.push('toTemplate');
      out.push(null, 'delete');
      return out;
    }
    case 'container':
      return ['restartContainer', null, 'delete'];
    case 'service':
      return ['scaleService', null, 'delete'];
    case 'datastore':
      return ['resourceSettings'];
    case 'network':
      return [];
    case 'pool':
      // Resource pools have their own pane (PoolPane.vue) and buttons.
      return [];
  }
}

/** Actions that make sense on many selected objects at once. */
export const BULK_ACTIONS: ActionKey[] = ['powerOn', 'shutdown', 'powerOff', 'suspend', 'migrate', 'delete'];

/** Whether `key` applies to the target (for bulk bars). */
export function applies(key: ActionKey, t: ActionTarget): boolean {
  return actionsFor(t).includes(key);
}

/** Icons and state colours of inventory objects. */
import type { Component } from 'vue';
import {
  AlbumsOutline,
  AppsOutline,
  BusinessOutline,
  CubeOutline,
  DesktopOutline,
  GitNetworkOutline,
  LayersOutline,
  ServerOutline,
  FolderOutline,
  PieChartOutline,
} from '@vicons/ionicons5';
import type { EntityKind } from '@renderer/stores/inventory';

export function kindIcon(kind: EntityKind | 'folder' | 'pool'): Component {
  switch (kind) {
    case 'datacenter':
      return BusinessOutline;
    case 'cluster':
      return AppsOutline;
    case 'host':
      return ServerOutline;
    case 'datastore':
      return AlbumsOutline;
    case 'network':
      return GitNetworkOutline;
    case 'vm':
      return DesktopOutline;
    case 'container':
      return CubeOutline;
    case 'service':
      return LayersOutline;
    case 'folder':
      return FolderOutline;
    case 'pool':
      return PieChartOutline;
  }
}

export type StateTone = 'ok' | 'off' | 'warn' | 'bad' | 'busy' | 'none';

/** How a state string looks: green running, grey off, amber maintenance/suspended, red failed. */
export function stateTone(state: string): StateTone {
  const s = state.toLowerCase();
  if (['poweredon', 'running', 'connected', 'ok', 'green', 'normal', 'active'].includes(s)) return 'ok';
  if (['poweredoff', 'stopped', 'standby', 'off'].includes(s)) return 'off';
  if (
    [
      'maintenance',
      'suspended',
      'pending',
      'backoff',
      'degraded',
      'entering-maintenance',
      'paused',
      'warning',
      'yellow',
    ].includes(s)
  )
    return 'warn';
  if (['failed', 'disconnected', 'error', 'notresponding', 'red', 'full'].includes(s)) return 'bad';
  if (
    ['migrating', 'creating', 'cloning', 'starting', 'stopping', 'restarting', 'busy', 'deleting'].includes(s)
  )
    return 'busy';
  return 'none';
}

export const TONE_COLOR: Record<StateTone, string> = {
  ok: '#18a058',
  off: '#8a8f98',
  warn: '#e0a020',
  bad: '#d03050',
  busy: '#2f7ed8',
  none: 'transparent',
};

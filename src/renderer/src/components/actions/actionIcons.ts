/** Icon per action. */
import type { Component } from 'vue';
import {
  AddCircleOutline,
  AlbumsOutline,
  PieChartOutline,
  ArrowUndoOutline,
  CameraOutline,
  CopyOutline,
  CreateOutline,
  CubeOutline,
  EnterOutline,
  ExitOutline,
  LayersOutline,
  MedkitOutline,
  PauseOutline,
  PlayOutline,
  PowerOutline,
  PricetagsOutline,
  RefreshOutline,
  ServerOutline,
  SkullOutline,
  StopOutline,
  SwapHorizontalOutline,
  TrashOutline,
  OptionsOutline,
  GitNetworkOutline,
  MoonOutline,
  SunnyOutline,
  RemoveCircleOutline,
  ReloadOutline,
  UnlinkOutline,
  LinkOutline,
} from '@vicons/ionicons5';
import type { ActionKey } from './actions';

export function actionIcon(k: ActionKey): Component {
  switch (k) {
    case 'newVm':
      return AddCircleOutline;
    case 'newContainer':
      return CubeOutline;
    case 'newService':
      return LayersOutline;
    case 'addHost':
      return ServerOutline;
    case 'powerOn':
      return PlayOutline;
    case 'scaleService':
      return LayersOutline;
    case 'powerOff':
      return PowerOutline;
    case 'shutdown':
      return StopOutline;
    case 'suspend':
      return PauseOutline;
    case 'reset':
    case 'restartContainer':
      return RefreshOutline;
    case 'migrate':
      return SwapHorizontalOutline;
    case 'clone':
      return CopyOutline;
    case 'editVm':
      return CreateOutline;
    case 'delete':
      return TrashOutline;
    case 'enterMaintenance':
      return EnterOutline;
    case 'exitMaintenance':
      return ExitOutline;
    case 'failHost':
      return SkullOutline;
    case 'repairHost':
      return MedkitOutline;
    case 'clusterSettings':
      return OptionsOutline;
    case 'clusterRules':
      return GitNetworkOutline;
    case 'enterStandby':
      return MoonOutline;
    case 'exitStandby':
      return SunnyOutline;
    case 'removeHost':
      return RemoveCircleOutline;
    case 'rebootHost':
      return ReloadOutline;
    case 'shutdownHost':
      return PowerOutline;
    case 'disconnectHost':
      return UnlinkOutline;
    case 'reconnectHost':
      return LinkOutline;
    case 'takeSnapshot':
      return CameraOutline;
    case 'toTemplate':
    case 'deploy':
      return AlbumsOutline;
    case 'toVm':
      return ArrowUndoOutline;
    case 'annotate':
      return PricetagsOutline;
    case 'newPool':
      return PieChartOutline;
    case 'resourceSettings':
      return OptionsOutline;
  }
}

/** Which dialog or wizard is open, and for which objects; search focus requests. */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export type DialogKind =
  | 'newVm'
  | 'newContainer'
  | 'newService'
  | 'clone'
  | 'editVm'
  | 'migrate'
  | 'delete'
  | 'addHost'
  | 'scaleService'
  | 'workspace'
  | 'help'
  | 'alarms'
  | 'clusterSettings'
  | 'clusterRules'
  | 'takeSnapshot'
  | 'annotate'
  // resource pools and vApps (issue 20): create (target: a cluster or pool as parent) or edit (target: the pool)
  | 'pool'
  | 'resourceSettings'
  // move a pool under another pool or the cluster root (target: the pool)
  | 'poolMove';

export const useUiStore = defineStore('ui', () => {
  const dialog = ref<DialogKind | null>(null);
  /** Objects the dialog acts on (e.g. the VMs to migrate, the host to place on). */
  const targets = ref<string[]>([]);
  const searchFocus = ref(0);
  /** Bumped after a command changed something, so open views reload at once (even while paused). */
  const changed = ref(0);
  /** Width (px) of a non-modal side drawer open at the right (the lab/demo panel): the console makes room for it. */
  const sideDrawerPx = ref(0);

  function open(kind: DialogKind, ids: string[] = []): void {
    targets.value = ids;
    dialog.value = kind;
  }
  function close(): void {
    dialog.value = null;
  }
  function focusSearch(): void {
    searchFocus.value++;
  }
  function touch(): void {
    changed.value++;
  }
  return { dialog, targets, searchFocus, changed, sideDrawerPx, open, close, focusSearch, touch };
});

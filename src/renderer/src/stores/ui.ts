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
  | 'takeSnapshot'
  | 'annotate';

export const useUiStore = defineStore('ui', () => {
  const dialog = ref<DialogKind | null>(null);
  /** Objects the dialog acts on (e.g. the VMs to migrate, the host to place on). */
  const targets = ref<string[]>([]);
  const searchFocus = ref(0);

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
  return { dialog, targets, searchFocus, open, close, focusSearch };
});

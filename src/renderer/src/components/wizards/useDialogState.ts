/**
 * What every small dialog starts with (issue 12, the shared dialog shell): the api, its texts, the ui,
 * inventory and action runner, whether it is open (`ui.dialog === kind`) and for which object (the first
 * target), and the validation and refusal state the DialogShell shows.
 */
import { computed, ref } from 'vue';
import { useMessage } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { useApi } from '@renderer/api';
import { useUiStore, type DialogKind } from '@renderer/stores/ui';
import { useInventoryStore } from '@renderer/stores/inventory';
import { useActionRunner } from '@renderer/components/actions/useActionRunner';

export function useDialogState(kind: DialogKind) {
  const ui = useUiStore();
  const inv = useInventoryStore();
  const targetId = computed(() => ui.targets[0] ?? '');
  return {
    api: useApi(),
    t: useI18n().t,
    ui,
    inv,
    runner: useActionRunner(),
    message: useMessage(),
    show: computed(() => ui.dialog === kind),
    targetId,
    target: computed(() => inv.node(targetId.value)),
    /** Set by the first submit: from then on the fields show their problems. */
    tried: ref(false),
    /** The backend's refusal, shown by the DialogShell. */
    serverError: ref(''),
  };
}

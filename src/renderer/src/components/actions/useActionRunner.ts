/**
 * Runs an action for objects: opens the matching wizard, or executes the command directly (with a
 * confirmation for destructive ones) and reports the backend's typed error when it refuses.
 */
import { useDialog, useMessage } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { useMsg } from '@renderer/i18n/msg';
import type { CommandInput } from '@shared/schemas/commands';
import { useApi } from '@renderer/api';
import { useUiStore } from '@renderer/stores/ui';
import { useInventoryStore } from '@renderer/stores/inventory';
import { useTasksStore } from '@renderer/stores/tasks';
import { cmd } from './commands';
import type { ActionKey } from './actions';

export function useActionRunner() {
  const api = useApi();
  const ui = useUiStore();
  const inv = useInventoryStore();
  const tasks = useTasksStore();
  const message = useMessage();
  const dialog = useDialog();
  const { t } = useI18n();
  const { errorText } = useMsg();

  async function execute(commands: CommandInput[]): Promise<boolean> {
    let ok = true;
    for (const command of commands) {
      const r = await api.call('command.execute', { command });
      if (!r.ok) {
        ok = false;
        message.error(errorText(r.error), { duration: 6000, closable: true });
      }
    }
    void tasks.load();
    ui.touch();
    return ok;
  }

  function confirm(title: string, content: string, positive: string, run: () => Promise<unknown>): void {
    dialog.warning({
      title,
      content,
      positiveText: positive,
      negativeText: t('common.cancel'),
      // The confirmation is a dialog: name it by its title (axe aria-dialog-name).
      onAfterEnter: () => {
        for (const el of document.querySelectorAll('.n-dialog[role="dialog"]:not([aria-label])'))
          el.setAttribute('aria-label', title);
      },
      onPositiveClick: async () => {
        await run();
      },
    });
  }

  function names(ids: string[]): string {
    const list = ids.map((id) => inv.node(id)?.name ?? id);
    return list.length > 3 ? `${list.slice(0, 3).join(', ')} … (+${list.length - 3})` : list.join(', ');
  }

  function run(key: ActionKey, ids: string[]): void {
    const kindOf = (id: string) => inv.node(id)?.kind;
    switch (key) {
      case 'newVm':
      case 'newContainer':
      case 'newService':
      case 'addHost':
      case 'migrate':
      case 'clone':
      case 'editVm':
      case 'delete':
        ui.open(key, ids);
        return;
      case 'powerOn':
      case 'powerOff':
      case 'shutdown':
      case 'suspend':
      case 'reset': {
        const go = () => execute(ids.filter((id) => kindOf(id) === 'vm').map((id) => cmd.vmPower(id, key)));
        if (key === 'powerOff' || key === 'reset')
          confirm(t(`action.${key}`), t('confirm.power', { names: names(ids) }), t(`action.${key}`), go);
        else void go();
        return;
      }
      case 'enterMaintenance':
        void execute(ids.map(cmd.hostEnterMaintenance));
        return;
      case 'exitMaintenance':
        void execute(ids.map(cmd.hostExitMaintenance));
        return;
      case 'failHost':
        confirm(
          t('action.failHost'),
          t('confirm.failHost', { names: names(ids) }),
          t('action.failHost'),
          () => execute(ids.map(cmd.hostFail)),
        );
        return;
      case 'repairHost':
        void execute(ids.map(cmd.hostRepair));
        return;
      case 'restartContainer':
        void execute(ids.map(cmd.containerRestart));
        return;
      case 'scaleService':
        ui.open('scaleService', ids);
        return;
      case 'newPool':
        ui.open('pool', ids.slice(0, 1));
        return;
      case 'clusterSettings':
      case 'clusterRules':
        ui.open(key, ids.slice(0, 1));
        return;
      case 'enterStandby':
        confirm(
          t('action.enterStandby'),
          t('confirm.enterStandby', { names: names(ids) }),
          t('action.enterStandby'),
          () => execute(ids.map((id) => cmd.hostStandby(id, true))),
        );
        return;
      case 'exitStandby':
        void execute(ids.map((id) => cmd.hostStandby(id, false)));
        return;
      case 'rebootHost':
      case 'shutdownHost':
      case 'disconnectHost': {
        const go = () =>
          execute(
            ids.map((id) =>
              key === 'disconnectHost'
                ? cmd.hostConnection(id, false)
                : cmd.hostPower(id, key === 'rebootHost' ? 'reboot' : 'shutdown'),
            ),
          );
        confirm(t(`action.${key}`), t(`confirm.${key}`, { names: names(ids) }), t(`action.${key}`), go);
        return;
      }
      case 'reconnectHost':
        void execute(ids.map((id) => cmd.hostConnection(id, true)));
        return;
      case 'removeHost':
        confirm(
          t('action.removeHost'),
          t('confirm.removeHost', { names: names(ids) }),
          t('action.removeHost'),
          () => execute(ids.map(cmd.hostRemove)),
        );
        return;
      case 'takeSnapshot':
      case 'annotate':
      case 'resourceSettings':
        ui.open(key, ids.slice(0, 1));
        return;
      case 'deploy':
        ui.open('clone', ids.slice(0, 1));
        return;
      case 'toTemplate':
        void execute(ids.filter((id) => kindOf(id) === 'vm').map((id) => cmd.vmTemplate(id, true)));
        return;
      case 'toVm':
        void execute(ids.filter((id) => kindOf(id) === 'vm').map((id) => cmd.vmTemplate(id, false)));
        return;
    }
  }

  return { run, execute };
}

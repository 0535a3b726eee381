/**
 * Starting a storyline or a lab opens a fresh workspace in place of the open one: ask first, naming the
 * workspace that will be closed (issue #12 defect 7). Call from a component's setup.
 */
import { useDialog } from 'naive-ui';
import { useWorkspaceStore } from '@renderer/stores/workspace';
import { useDemoI18n } from './messages';

export function useConfirmReplace(): (run: () => Promise<unknown>) => void {
  const dialog = useDialog();
  const ws = useWorkspaceStore();
  const { t } = useDemoI18n();
  return (run) => {
    const current = ws.current;
    if (!current) {
      void run();
      return;
    }
    dialog.warning({
      title: t('demo.replaceTitle'),
      content: t('demo.replaceBody', { name: current.name }),
      positiveText: t('demo.replaceOk'),
      negativeText: t('demo.cancel'),
      positiveButtonProps: { 'data-testid': 'demo-replace-confirm' } as never,
      negativeButtonProps: { 'data-testid': 'demo-replace-cancel' } as never,
      onPositiveClick: () => {
        void run();
      },
    });
  };
}

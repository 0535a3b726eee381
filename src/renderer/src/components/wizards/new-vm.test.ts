// @vitest-environment happy-dom
/** New VM wizard (issue #12 defect 2): nothing of the previous VM carries over; the VM goes to the host the review previewed. */
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { NDialogProvider, NMessageProvider } from 'naive-ui';
import { apiErr, apiOk } from '@shared/errors';
import type { CommandInput } from '@shared/schemas/commands';
import { harness, tree, type Harness } from '@renderer/testing/harness';
import { useInventoryStore } from '@renderer/stores/inventory';
import { useUiStore } from '@renderer/stores/ui';
import NewVmWizard from './NewVmWizard.vue';

function mountWith(h0: Harness, comp: unknown) {
  const Host = defineComponent({
    setup: () => () =>
      h(NDialogProvider, null, {
        default: () => h(NMessageProvider, null, { default: () => h(comp as never) }),
      }),
  });
  return mount(Host, { global: { plugins: h0.plugins }, attachTo: document.body });
}
const input = (testid: string) =>
  document.querySelector<HTMLInputElement>(
    `[data-testid="${testid}"] input, input[data-testid="${testid}"]`,
  )!;
async function type(testid: string, value: string): Promise<void> {
  const el = input(testid);
  el.value = value;
  el.dispatchEvent(new Event('input'));
  el.dispatchEvent(new Event('blur'));
  await flushPromises();
}
const click = async (testid: string) => {
  document.querySelector<HTMLElement>(`[data-testid="${testid}"]`)!.click();
  await flushPromises();
};

describe('NewVmWizard', () => {
  it('starts each VM fresh and creates it on the previewed host', async () => {
    const sent: CommandInput[] = [];
    let explained = 0;
    const hs = harness({
      'inventory.tree': () => apiOk(tree()),
      'entity.list': () => apiOk([]),
      'entity.describe': () => apiErr('NOT_FOUND', 'not needed here'),
      // The placement answer changes between the preview and the creation (time runs on).
      'placement.explain': () =>
        apiOk({
          chosenHostId: explained++ === 0 ? 'host-1' : 'host-2',
          policy: 'balanced',
          summary: 'ok',
          hosts: [],
        }),
      'command.execute': (p) => (sent.push(p.command), apiOk({ taskId: 'task-1' })),
      'tasks.query': () => apiOk({ total: 0, rows: [] }),
    });
    await useInventoryStore().refresh();
    const w = mountWith(hs, NewVmWizard);
    const ui = useUiStore();
    ui.open('newVm', ['cl-1']);
    await flushPromises();
    await type('vm-name', 'app-01');
    await click('wizard-next');
    await click('wizard-next');
    await type('vm-cpu-res', '30');
    await type('vm-cpu-limit', '95');
    await click('wizard-next');
    await click('wizard-finish');
    expect(sent).toHaveLength(1);
    const first = sent[0] as Extract<CommandInput, { type: 'vm.create' }>;
    expect(first.spec.cpu).toEqual({ shares: 'normal', reservationMHz: 30, limitMHz: 95 });
    expect(first.hostId).toBe('host-1'); // the host the review showed
    ui.close();
    await flushPromises();

    ui.open('newVm', ['cl-1']);
    await flushPromises();
    await type('vm-name', 'app-02');
    await click('wizard-next');
    await click('wizard-next');
    expect(input('vm-cpu-res').value).toBe('');
    expect(input('vm-cpu-limit').value).toBe('');
    await click('wizard-next');
    await click('wizard-finish');
    const second = sent[1] as Extract<CommandInput, { type: 'vm.create' }>;
    expect(second.spec.cpu).toEqual({ shares: 'normal', reservationMHz: 0, limitMHz: null });
    w.unmount();
  });
});

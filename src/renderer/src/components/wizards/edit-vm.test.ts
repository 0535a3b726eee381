// @vitest-environment happy-dom
/** Edit settings (issue #12 defect 1): removing a reservation / limit reaches the engine; the Workload tab starts from the VM's own workload. */
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { NDialogProvider, NMessageProvider } from 'naive-ui';
import { apiOk } from '@shared/errors';
import type { CommandInput } from '@shared/schemas/commands';
import { harness, tree, vmDetail, type Harness } from '@renderer/testing/harness';
import { useUiStore } from '@renderer/stores/ui';
import { cmd } from '@renderer/components/actions/commands';
import EditVmDialog from './EditVmDialog.vue';

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
  document.querySelector<HTMLInputElement>(`[data-testid="${testid}"] input`)!;

describe('cmd.vmConfigure', () => {
  it('keeps a reservation of 0 and a null limit (they remove a reservation and a limit)', () => {
    const c = cmd.vmConfigure('vm-1', {
      cpu: { shares: 'normal', reservation: 0, limit: null },
      mem: { reservation: 0, limit: null },
    });
    expect(c).toEqual({
      type: 'vm.configure',
      vmId: 'vm-1',
      cpu: { shares: 'normal', reservationMHz: 0, limitMHz: null },
      mem: { reservationMiB: 0, limitMiB: null },
    });
  });
});

describe('EditVmDialog', () => {
  it("removes the CPU reservation and limit, and starts from the VM's own workload without overwriting it", async () => {
    const sent: CommandInput[] = [];
    const hs = harness({
      'inventory.tree': () => apiOk(tree()),
      'entity.describe': () => apiOk(vmDetail({ cpuReservationMHz: 500, cpuLimitMHz: 3000 })),
      'command.execute': (p) => (sent.push(p.command), apiOk({ taskId: 'task-1' })),
      'tasks.query': () => apiOk({ total: 0, rows: [] }),
    });
    const w = mountWith(hs, EditVmDialog);
    useUiStore().open('editVm', ['vm-1']);
    await flushPromises();
    const tab = async (name: string) => {
      document.querySelector<HTMLElement>(`.n-tabs-tab[data-name="${name}"]`)!.click();
      await flushPromises();
    };
    await tab('wl');
    // The VM's workload (base 7 %, peak 33 %), not the "web" preset's 10 % / 60 %.
    expect(input('wl-cpu-base').value).toBe('7');
    expect(input('wl-cpu-peak').value).toBe('33');
    await tab('res');
    expect(input('edit-cpu-res').value).toBe('500');
    for (const id of ['edit-cpu-res', 'edit-cpu-limit']) {
      const el = input(id);
      el.value = '';
      el.dispatchEvent(new Event('input'));
      el.dispatchEvent(new Event('blur'));
      await flushPromises();
    }
    await flushPromises();
    document.querySelector<HTMLButtonElement>('[data-testid="edit-submit"]')!.click();
    await flushPromises();
    expect(sent).toHaveLength(1);
    const c = sent[0] as Extract<CommandInput, { type: 'vm.configure' }>;
    expect(c.type).toBe('vm.configure');
    expect(c.cpu).toEqual({ shares: 'normal', reservationMHz: 0, limitMHz: null });
    expect(c.workload).toBeUndefined();
    w.unmount();
  });
});

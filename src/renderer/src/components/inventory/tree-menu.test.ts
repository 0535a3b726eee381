// @vitest-environment happy-dom
/** Keyboard context menu of the inventory tree (issue 12, defect 6). */
import { describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { NDialogProvider, NMessageProvider } from 'naive-ui';
import { apiOk } from '@shared/errors';
import { clockState, harness, tree } from '@renderer/testing/harness';
import { useInventoryStore } from '@renderer/stores/inventory';
import InventoryTree from './InventoryTree.vue';

const key = (el: Element, k: string, shift = false): void => {
  el.dispatchEvent(
    new KeyboardEvent('keydown', { key: k, shiftKey: shift, bubbles: true, cancelable: true }),
  );
};
/** The menu is shown (Naive keeps a closed one in the DOM with display: none). */
const menuOpen = (): boolean =>
  [...document.querySelectorAll<HTMLElement>('.n-dropdown-menu')].some((m) => m.style.display !== 'none');

describe('InventoryTree context menu from the keyboard', () => {
  it('Shift+F10 opens it; Esc and Tab close it; arrows move the menu, not the tree', async () => {
    const hs = harness({
      'inventory.tree': () => apiOk(tree()),
      'clock.get': () => apiOk(clockState()),
      'alarms.query': () => apiOk({ total: 0, rows: [] }),
    });
    const inv = useInventoryStore();
    await inv.refresh();
    inv.select('host-1');
    const Host = defineComponent({
      setup: () => () =>
        h(NDialogProvider, null, {
          default: () => h(NMessageProvider, null, { default: () => h(InventoryTree) }),
        }),
    });
    const w = mount(Host, { global: { plugins: hs.plugins }, attachTo: document.body });
    await flushPromises();
    const nav = document.querySelector('nav.inventory')!;
    const treeEl = document.querySelector('[data-testid="inventory-tree"]')!;
    for (const close of ['Escape', 'Tab']) {
      key(nav, 'F10', true);
      await flushPromises();
      await nextTick();
      expect(menuOpen(), 'Shift+F10 opens the menu').toBe(true);
      key(treeEl, 'ArrowDown');
      await flushPromises();
      expect(inv.selectedId, 'ArrowDown does not move the tree while the menu is open').toBe('host-1');
      key(treeEl, close);
      await flushPromises();
      expect(menuOpen(), `${close} closes the menu`).toBe(false);
    }
    w.unmount();
  });
});

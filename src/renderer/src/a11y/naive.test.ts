// @vitest-environment happy-dom
/** Accessibility fix-ups on real Naive UI components (issue 12): what axe-core asked for, per kind. */
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { NCard, NFormItem, NIcon, NInput, NInputNumber, NTabPane, NTabs } from 'naive-ui';
import { installNaiveA11y } from './naive';

let stop: (() => void) | null = null;
let wrapper: VueWrapper | null = null;
afterEach(() => {
  stop?.();
  wrapper?.unmount();
  stop = null;
  wrapper = null;
  document.body.innerHTML = '';
  document.documentElement.lang = 'en';
});

/** Mounts `render` with the fix-ups installed on the body first (so additions go through the observer). */
async function show(render: () => ReturnType<typeof h>): Promise<HTMLElement> {
  stop = installNaiveA11y(document.body);
  wrapper = mount(defineComponent({ setup: () => render }), { attachTo: document.body });
  await flushPromises();
  await nextTick();
  // The observer's callbacks run as microtasks after the mutations.
  await new Promise((r) => setTimeout(r, 0));
  return wrapper.element as HTMLElement;
}
const svg = () => h('svg', { viewBox: '0 0 10 10' });

describe('installNaiveA11y', () => {
  it('hides decorative icons and keeps a named one', async () => {
    const root = await show(() =>
      h('div', [h(NIcon, null, { default: svg }), h(NIcon, { 'aria-label': 'Warning' }, { default: svg })]),
    );
    const [plain, named] = [...root.querySelectorAll('.n-icon')];
    expect(plain?.getAttribute('aria-hidden')).toBe('true');
    expect(named?.getAttribute('aria-hidden')).toBeNull();
    expect(named?.getAttribute('aria-label')).toBe('Warning');
  });

  it('gives a card header one heading with a level', async () => {
    const root = await show(() => h(NCard, { title: 'Capacity' }, { default: () => 'body' }));
    const headings = root.querySelectorAll('[role="heading"]');
    expect(headings).toHaveLength(1);
    expect(headings[0]?.getAttribute('aria-level')).toBe('2');
    expect(headings[0]?.textContent).toBe('Capacity');
  });

  it('makes tabs a tablist with a roving tabindex, a labelled tabpanel and arrow keys', async () => {
    const tab = ref('a');
    const root = await show(() =>
      h(
        NTabs,
        { value: tab.value, 'onUpdate:value': (v: string) => (tab.value = v) },
        {
          default: () => [
            h(NTabPane, { name: 'a', tab: 'Alpha' }, { default: () => 'A' }),
            h(NTabPane, { name: 'b', tab: 'Beta' }, { default: () => 'B' }),
          ],
        },
      ),
    );
    const list = root.querySelector('[role="tablist"]');
    expect(list).not.toBeNull();
    const tabs = [...root.querySelectorAll<HTMLElement>('[role="tab"]')];
    expect(
      tabs.map((t) => [t.textContent, t.getAttribute('aria-selected'), t.getAttribute('tabindex')]),
    ).toEqual([
      ['Alpha', 'true', '0'],
      ['Beta', 'false', '-1'],
    ]);
    const pane = root.querySelector('[role="tabpanel"]');
    expect(pane?.getAttribute('aria-labelledby')).toBe(tabs[0]?.id);

    tabs[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await flushPromises();
    await new Promise((r) => setTimeout(r, 0));
    expect(tab.value).toBe('b');
    expect(tabs[1]?.getAttribute('aria-selected')).toBe('true');
    expect(tabs[1]?.getAttribute('tabindex')).toBe('0');
    expect(tabs[0]?.getAttribute('tabindex')).toBe('-1');
  });

  it('names the − / + buttons of a number input in the page language, and relabels on a change', async () => {
    const root = await show(() => h(NInputNumber, { value: 3 }));
    const buttons = [...root.querySelectorAll('.n-input__suffix .n-button')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['Decrease', 'Increase']);
    document.documentElement.lang = 'zh-CN';
    await new Promise((r) => setTimeout(r, 0));
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual(['减少', '增加']);
  });

  it('labels an unnamed control of a form item by the item label', async () => {
    const root = await show(() => h(NFormItem, { label: 'Name' }, { default: () => h(NInput) }));
    const input = root.querySelector('input')!;
    const label = document.getElementById(input.getAttribute('aria-labelledby') ?? '');
    expect(label?.textContent).toContain('Name');
  });
});

// @vitest-environment happy-dom
/* eslint-disable vue/one-component-per-file -- test stand-ins: a probe and the app around it */
/** The Capacity drawer follows the app's theme, though its launcher sits in the (always dark) top bar (issue 12, item 8). */
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { NConfigProvider, darkTheme, lightTheme, useThemeVars } from 'naive-ui';
import { harness } from '@renderer/testing/harness';
import { useSettingsStore } from '@renderer/stores/settings';
import CapacityLauncher from './CapacityLauncher.vue';

/** Stands in for the Capacity view: shows the body colour of the theme it is rendered in. */
const ThemeProbe = defineComponent({
  setup: () => {
    const vars = useThemeVars();
    return () => h('span', { 'data-testid': 'probe' }, vars.value.bodyColor);
  },
});

describe('CapacityLauncher', () => {
  it('opens a light drawer in the light theme', async () => {
    const hs = harness({});
    const settings = useSettingsStore();
    settings.setTheme('light');
    const Host = defineComponent({
      setup: () => () =>
        h(NConfigProvider, { theme: darkTheme, abstract: true }, { default: () => h(CapacityLauncher) }),
    });
    const w = mount(Host, {
      global: { plugins: hs.plugins, stubs: { CapacityView: ThemeProbe } },
      attachTo: document.body,
    });
    (document.querySelector('[data-testid="capacity-open"]') as HTMLElement).click();
    await flushPromises();
    const probe = document.querySelector('[data-testid="probe"]');
    expect(probe?.textContent).toBe(lightTheme.common.bodyColor);
    expect(probe?.textContent).not.toBe(darkTheme.common.bodyColor);
    w.unmount();
  });
});

// @vitest-environment happy-dom
/** The alarms table (issue 12, item 8): descriptions were cut at ~15 characters; pop-ups can be muted. */
import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { flushPromises, mount } from '@vue/test-utils';
import { NMessageProvider } from 'naive-ui';
import { apiOk } from '@shared/errors';
import { alarm, clockState, harness, tree } from '@renderer/testing/harness';
import { useAlarmsStore } from '@renderer/stores/alarms';
import { useInventoryStore } from '@renderer/stores/inventory';
import AlarmsTable from './AlarmsTable.vue';

describe('AlarmsTable', () => {
  it('gives the description at least 320 px (the table scrolls sideways instead) and toggles pop-ups', async () => {
    const long = 'VM CPU ready of web-01 is 31.2 % (threshold 20 % for 5 min)';
    const hs = harness({
      'inventory.tree': () => apiOk(tree()),
      'clock.get': () => apiOk(clockState()),
      'alarms.query': () => apiOk({ total: 1, rows: [alarm('a1', { message: long })] }),
    });
    await useInventoryStore().refresh();
    const alarms = useAlarmsStore();
    await alarms.load();
    const Host = defineComponent({
      setup: () => () => h(NMessageProvider, null, { default: () => h(AlarmsTable) }),
    });
    const w = mount(Host, { global: { plugins: hs.plugins }, attachTo: document.body });
    await flushPromises();
    const cols = [...document.querySelectorAll('[data-testid="alarms-table"] col')] as HTMLElement[];
    const minWidths = cols.map((c) => parseFloat(c.style.minWidth || c.style.width || '0'));
    // severity, object, message, triggered, acknowledged: the message column is never squeezed below 320 px
    expect(minWidths[2]).toBeGreaterThanOrEqual(320);
    alarms.setMuted(false);
    await flushPromises();
    const sw = document.querySelector('[data-testid="alarm-popups"]') as HTMLElement;
    expect(sw.getAttribute('aria-checked')).toBe('true');
    sw.click();
    await flushPromises();
    expect(alarms.muted).toBe(true);
    alarms.setMuted(false);
    w.unmount();
  });
});

// @vitest-environment happy-dom
/** Issue 21: while a workspace opens as a job, the console shows its progress and can cancel it. */
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { apiOk } from '@shared/errors';
import type { JobView } from '@shared/contract-jobs';
import { harness } from '@renderer/testing/harness';
import OpeningBanner from './OpeningBanner.vue';

const job = (over: Partial<JobView> = {}): JobView => ({
  id: 'job-3',
  kind: 'workspace.open',
  status: 'running',
  progress: 0.25,
  label: 'Opening "Big"',
  ...over,
});

describe('OpeningBanner', () => {
  it('shows a running opening with its progress, cancels it, and hides when it ends', async () => {
    const cancelled: string[] = [];
    const hs = harness({
      'jobs.list': () => apiOk([job({ kind: 'recording.verify', id: 'job-1' })]),
      'jobs.cancel': (p) => (cancelled.push(p.id), apiOk(job({ id: p.id, status: 'cancelled' }))),
    });
    const w = mount(OpeningBanner, { global: { plugins: hs.plugins } });
    await flushPromises();
    // Other jobs are not an opening.
    expect(w.find('[data-testid="opening-banner"]').exists()).toBe(false);
    hs.fake.push('jobs', [job({ kind: 'workspace.new', progress: 0.6 })]);
    await flushPromises();
    const banner = w.find('[data-testid="opening-banner"]');
    expect(banner.exists()).toBe(true);
    expect(banner.text()).toContain('Creating a workspace');
    expect(banner.text()).toContain('stays usable');
    expect(w.find('[data-testid="opening-progress"]').attributes('aria-valuenow')).toBe('60');
    await w.find('[data-testid="opening-cancel"]').trigger('click');
    await flushPromises();
    expect(cancelled).toEqual(['job-3']);
    hs.fake.push('jobs', [job({ kind: 'workspace.new', status: 'cancelled' })]);
    await flushPromises();
    expect(w.find('[data-testid="opening-banner"]').exists()).toBe(false);
    w.unmount();
  });
});

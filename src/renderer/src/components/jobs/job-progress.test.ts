// @vitest-environment happy-dom
/**
 * Issue 21: report, export, Save As and verify are jobs; the console shows their progress where the user
 * waits, with Cancel (the `jobs` push, schema-checked by the fake transport).
 */
import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { apiOk } from '@shared/errors';
import type { JobView } from '@shared/contract-jobs';
import { harness } from '@renderer/testing/harness';
import { i18n } from '@renderer/i18n';
import JobProgress from './JobProgress.vue';

const job = (over: Partial<JobView>): JobView => ({
  id: 'job-1',
  kind: 'report.generate',
  status: 'running',
  progress: 0.42,
  label: 'Drawing the PDF',
  ...over,
});

describe('JobProgress', () => {
  it('shows a running job of its kinds with its progress, hides otherwise, and cancels it', async () => {
    const cancelled: string[] = [];
    const h = harness({
      'jobs.cancel': (p) => {
        cancelled.push(p.id);
        return apiOk(job({ id: p.id, status: 'cancelled' }));
      },
    });
    const w = mount(JobProgress, { props: { kinds: ['report.generate'] }, global: { plugins: h.plugins } });
    expect(w.find('[data-testid="job-progress"]').exists()).toBe(false);
    h.fake.push('jobs', [job({ kind: 'whatif.run', id: 'job-9' })]);
    await flushPromises();
    expect(w.find('[data-testid="job-progress"]').exists()).toBe(false);
    h.fake.push('jobs', [job({})]);
    await flushPromises();
    const shown = w.find('[data-testid="job-progress"]');
    expect(shown.exists()).toBe(true);
    expect(shown.attributes('data-progress')).toBe('42');
    expect(shown.text()).toContain('Generating the report');
    expect(shown.find('[role="progressbar"]').attributes('aria-label')).toContain('Generating the report');
    await w.find('[data-testid="job-cancel"]').trigger('click');
    await flushPromises();
    expect(cancelled).toEqual(['job-1']);
    h.fake.push('jobs', [job({ status: 'cancelled' })]);
    await flushPromises();
    expect(w.find('[data-testid="job-progress"]').exists()).toBe(false);
    i18n.global.locale.value = 'zh-CN';
    h.fake.push('jobs', [job({ kind: 'report.generate', id: 'job-2' })]);
    await flushPromises();
    expect(w.find('[data-testid="job-progress"]').text()).toContain('正在生成报告');
    i18n.global.locale.value = 'en';
    w.unmount();
  });
});

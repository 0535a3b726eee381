/**
 * The report a planner can hand over (issue 13): executive summary first, human units everywhere, no
 * truncated headers, charts with the forecast fan and the capacity line, method and history per answer;
 * English and Chinese, HTML and PDF — generated from a real recorded workspace and read back with poppler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenario, type Engine } from '../../engine';
import { DEFAULT_POLICY } from '../../engine/capacity';
import type { Workspace } from '../../store';
import { capCtx } from './analysis';
import { collectReport, reportHtml, type ReportData } from './report';
import { reportPdf } from './pdf';
import { pdfText } from './poppler-testing';
import { recorded } from './testing';
import { fmtGiB, fmtMHz, fmtMiB } from './units';
import { reportText } from './report-text';

let dir: string;
let engine: Engine;
let ws: Workspace;
const reports: Partial<Record<'en' | 'zh-CN', ReportData>> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vdc-report-planner-'));
  // 15 days: enough history (14) for time remaining to be forecast rather than refused, so charts have a fan.
  ({ engine, ws } = recorded(dir, builtinScenario('small-lab')!, {
    tickSeconds: 300,
    days: 15,
    name: 'lab',
  }));
  for (const locale of ['en', 'zh-CN'] as const)
    reports[locale] = collectReport(capCtx(engine, ws), DEFAULT_POLICY, {
      title: locale === 'en' ? 'Capacity report — lab' : '容量报告 — lab',
      locale,
    });
}, 120_000);
afterAll(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Raw MiB/MHz numbers as the old report printed them (12582912 MiB, 1964794.3 MHz, 393216 in a "Memory MiB" column). */
const RAW = /\b\d{5,}(\.\d+)?\b/;

describe('human units', () => {
  it('formats MiB, GiB, MHz with the unit that keeps numbers short', () => {
    expect(fmtMiB(12_582_912)).toBe('12 TiB');
    expect(fmtMiB(393_216)).toBe('384 GiB');
    expect(fmtMiB(512)).toBe('512 MiB');
    expect(fmtGiB(4896)).toBe('4.78 TiB');
    expect(fmtMHz(1_964_794.3)).toBe('1,965 GHz');
    expect(fmtMHz(77_184)).toBe('77.2 GHz');
    expect(fmtMHz(850)).toBe('850 MHz');
  });
});

describe('the report with a sweep', () => {
  it('adds the fan of a finished sweep: one chart per cluster, probability by day in %, N+1 probability', () => {
    // The first cluster: growth not fitted (thin history) and CPU over usable at the start; the others fitted.
    const clusters = engine.snapshot().clusters.map((c, ci) => ({
      id: c.id,
      name: c.name,
      nPlus1Probability: 0.25,
      growth:
        ci === 0
          ? {
              method: 'workload' as const,
              fitted: null,
              low: null,
              high: null,
              historyDays: 7,
              refusal: {
                code: 'needsHistory' as const,
                method: 'timeRemaining' as const,
                needDays: 14,
                haveDays: 7,
                moreDays: 7,
              },
              workload: { min: 0, max: 0 },
            }
          : {
              method: 'final' as const,
              fitted: 2.5,
              low: 0.5,
              high: 4.5,
              historyDays: 30,
              refusal: null,
              workload: { min: 0, max: 0 },
            },
      resources: ['cpu', 'mem', 'disk'].map((r, i) => ({
        resource: r,
        cdf: [0, 0.25 * i, 0.5 * i],
        probability: 0.5 * i,
        p50Days: i === 2 ? 3 : null,
        exceededSince: ci === 0 && r === 'cpu' ? '2026-01-05T10:00:00.000Z' : null,
      })),
    }));
    const d = collectReport(capCtx(engine, ws), DEFAULT_POLICY, {
      title: 'r',
      locale: 'en',
      sweep: { runs: 4, horizonDays: 3, clusters },
    });
    const s = d.sections.find((x) => x.title === 'Probabilistic futures')!;
    expect(d.sections.indexOf(s)).toBe(1);
    expect(s.charts).toHaveLength(clusters.length);
    expect(s.basis).toContain('4 simulated futures of 3 days');
    const text = pdfText(reportPdf(d));
    expect(text).toContain('probability of running out (N+1 holds in 25 %)');
    expect(text).toMatch(/Memory 50 %/);
    expect(text).toMatch(/100 %/);
    // What growth the futures ran at, and "exceeded now" instead of a probability for the exceeded resource.
    const table = s.tables[0]!;
    expect(table.headers).toEqual(['Cluster', 'Growth in the futures', 'CPU', 'Memory', 'Disk']);
    expect(table.rows[0]).toEqual([
      clusters[0]!.name,
      "not fitted: needs 7 more days of history (the final method needs 14, has 7); the workloads' own growth (0 %/month)",
      'exceeded now (since 2026-01-05 10:00)',
      '50 % within 3 days',
      '100 % within 3 days, half by day 3',
    ]);
    if (clusters.length > 1)
      expect(table.rows[1]![1]).toBe(
        '0.5 … 4.5 %/month (fitted 2.5 by the final method, 95 % interval, 30 days of history)',
      );
    expect(s.charts[0]!.svg).toContain('CPU: exceeded now');
    const zh = collectReport(capCtx(engine, ws), DEFAULT_POLICY, {
      title: 'r',
      locale: 'zh-CN',
      sweep: { runs: 4, horizonDays: 3, clusters },
    });
    const zs = zh.sections[1]!;
    expect(zs.tables[0]!.rows[0]![1]).toContain('未拟合：还需要 7 天的历史数据');
    expect(zs.tables[0]!.rows[0]![2]).toBe('当前已超出（自 2026-01-05 10:00 起）');
  });
});

describe.each(['en', 'zh-CN'] as const)('the capacity report (%s)', (locale) => {
  const words =
    locale === 'en'
      ? {
          summary: 'Executive summary',
          forecast: 'Time remaining',
          fan: '80 % interval',
          method: 'Method:',
          usable: 'usable ',
        }
      : { summary: '执行摘要', forecast: '剩余时间', fan: '80 % 区间', method: '方法：', usable: '可用 ' };

  it('PDF: leads with the executive summary (a line per cluster), human units, full headers, fan + capacity line, method and history', () => {
    const d = reports[locale]!;
    const text = pdfText(reportPdf(d));
    expect(text.indexOf(words.summary)).toBeGreaterThan(0);
    expect(text.indexOf(words.summary)).toBeLessThan(text.indexOf(words.forecast));
    expect(d.summary.rows).toHaveLength(engine.snapshot().clusters.length);
    // Each cluster's line: name, 3 resources with a light, N+1 with a light, reclaimable.
    for (const r of d.summary.rows) {
      expect(r).toHaveLength(6);
      expect(r.slice(1, 5).every((c) => c.light !== undefined)).toBe(true);
      expect(text).toContain(r[0]!.text);
    }
    const raw = text.split('\n').filter((l) => RAW.test(l));
    expect(raw, `raw numbers in:\n${raw.join('\n')}`).toEqual([]);
    expect(text).not.toMatch(/^\s*(MiB|MHz|GiB)\s*$/m); // a y-axis unit on its own, apart from its tick labels
    expect(text).toMatch(/\d GHz/);
    expect(text).toMatch(/\d(\.\d+)? (GiB|TiB)/);
    // No header cut short ("Provisioned ~") and no cell cut with an ellipsis.
    expect(text).not.toContain('~');
    expect(text).not.toContain('…');
    for (const s of d.sections)
      for (const t of s.tables)
        for (const h of t.headers) for (const w of h.split(/\s+/)) expect(text).toContain(w);
    expect(text).toContain(words.fan);
    expect(text).toContain(words.usable);
    expect(text).toContain(words.method);
    expect(d.sections.every((s) => (s.basis ?? '').length > 0)).toBe(true);
  });

  it('PDF and HTML: a zero is written with the prefix of its neighbours (no "0 MHz" beside GHz values)', () => {
    const d = reports[locale]!;
    const html = reportHtml(d)
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/<[^>]+>/g, ' ');
    for (const [what, text] of [
      ['PDF', pdfText(reportPdf(d))],
      ['HTML', html],
    ] as const) {
      const mixed = text
        .split('\n')
        .filter(
          (l) => (/(^|\s)0 MHz/.test(l) && /GHz/.test(l)) || (/(^|\s)0 MiB/.test(l) && /GiB|TiB/.test(l)),
        );
      expect(mixed, `${what}:\n${mixed.join('\n')}`).toEqual([]);
    }
  });

  it('HTML: the same summary first, traffic lights, human units, the fan and the capacity line in each forecast chart', () => {
    const d = reports[locale]!;
    const html = reportHtml(d);
    const body = html
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/<svg[\s\S]*?<\/svg>/g, (svg) =>
        svg.replace(/ (d|x|y|x1|x2|y1|y2|width|height|viewBox|transform)="[^"]*"/g, ''),
      );
    expect(body.indexOf(words.summary)).toBeLessThan(body.indexOf(words.forecast));
    expect(html.match(/class="light"/g)!.length).toBe(d.summary.rows.length * 4);
    const text = body.replace(/<[^>]+>/g, ' ');
    expect(text).not.toMatch(RAW);
    const forecast = d.sections[0]!;
    expect(forecast.charts.length).toBeGreaterThan(0);
    for (const c of forecast.charts) {
      expect(c.svg).toContain('fill-opacity="0.15"'); // the fan
      expect(c.svg).toContain('stroke="#cf222e"'); // the usable-capacity line
      expect(c.svg).not.toMatch(/>\d+(\.\d)?[kM]</); // tick labels carry units, not "1.9M" under a separate unit
    }
  });
});

describe('the Chinese report', () => {
  it('PDF: titles use the full-width colon, and a chart title names no raw unit (the axis carries it)', () => {
    const d = reports['zh-CN']!;
    const text = pdfText(reportPdf(d));
    // "集群 — CPU: 已超出" is English punctuation in a Chinese title; a ratio header ("vCPU:核心") has no space.
    const ascii = text.split('\n').filter((l) => /[\u4e00-\u9fff\uff09]: /.test(l));
    expect(ascii, ascii.join('\n')).toEqual([]);
    const titles = d.sections.flatMap((s) => s.charts.map((c) => c.title));
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) {
      expect(t).not.toMatch(/[\u4e00-\u9fff]: /);
      expect(t).not.toMatch(/MHz|MiB/);
    }
  });

  it('a chart without points: its title and "no data" joined by the full-width colon', () => {
    const T = reportText('zh-CN');
    expect(T.titled('空集群 — CPU', T.noChartData)).toBe('空集群 — CPU：尚无数据');
    expect(reportText('en').titled('empty — CPU', 'x')).toBe('empty — CPU: x');
  });
});

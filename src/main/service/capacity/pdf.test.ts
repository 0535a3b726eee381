import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../engine/capacity';
import { reportPdf } from './pdf';
import { pdfFonts, pdfInfo, pdfText } from './poppler-testing';
import type { ReportData } from './report';
import { reportFontPath } from './report-font';
import { reportText } from './report-text';
import { PALETTE, lineChart } from './svg';

const LONG_HEADERS = [
  'Scope',
  'Name',
  'CPU demand MHz',
  'CPU usable MHz',
  'CPU used %',
  'Memory demand MiB',
  'Memory usable MiB',
  'Memory used %',
  'Disk used GiB',
  'Disk usable GiB',
  'Ready %',
  'Ballooned MiB',
  'Swapped MiB',
];

const data = (locale: ReportData['locale'], clusterName: string): ReportData => {
  const T = reportText(locale);
  const lines = [
    {
      label: T.dailyPeak(clusterName),
      points: [
        [86_400, 100],
        [2 * 86_400, 140],
        [3 * 86_400, 120],
      ] as [number, number][],
      color: PALETTE[0]!,
    },
  ];
  const title = `${clusterName} CPU`;
  return {
    title: locale === 'zh-CN' ? '容量报告 — 实验室' : 'Capacity report — lab',
    locale,
    generatedAtSimSec: 86_400,
    policy: DEFAULT_POLICY,
    summary: {
      title: 'Summary',
      intro: '',
      legend: '',
      headers: ['Cluster', 'CPU'],
      rows: [[{ text: clusterName }, { text: '12 days (9–20)', light: 'red' }]],
    },
    sections: [
      {
        title: locale === 'zh-CN' ? '余量' : 'Headroom',
        intro: (locale === 'zh-CN'
          ? '每种配置文件还能再放置多少台虚拟机。'
          : 'How many more VMs fit. '
        ).repeat(30),
        tables: [
          {
            headers: ['Cluster', 'VMs'],
            rows: Array.from({ length: 60 }, (_, i) => [`${clusterName}-${i}`, i]),
          },
          {
            headers: LONG_HEADERS,
            rows: [
              [
                'cluster',
                clusterName,
                121114,
                77184,
                156.9,
                282297.1,
                263454.7,
                107.2,
                1687.9,
                4896,
                0,
                0,
                null,
              ],
            ],
          },
        ],
        charts: [
          {
            title,
            svg: lineChart({
              title,
              lines,
              limit: { value: 300, label: T.usable('300') },
              yUnit: 'MHz',
              dayLabel: T.day,
              noData: T.noChartData,
            }),
          },
        ],
      },
    ],
    assumptions: ['a'],
  };
};

describe('report PDF (pdfkit), read back with poppler', () => {
  it('English: text, the chart drawn from the SVG (ticks, unit, legend, limit), full table headers, one embedded subset font', () => {
    const pdf = reportPdf(data('en', 'prod'));
    const text = pdfText(pdf);
    expect(text).toContain('Capacity report — lab');
    expect(text).toContain('Headroom');
    expect(text).toContain('prod-0');
    expect(text).toContain('prod-59');
    expect(text).toContain('prod daily peak');
    expect(text).toContain('usable 300');
    expect(text).toMatch(/day 1\.0/);
    expect(text).toMatch(/day 3\.0/);
    expect(text).toContain('MHz');
    // Headers wrap instead of being cut: every word of every header is there.
    for (const w of LONG_HEADERS.flatMap((h) => h.split(' '))) expect(text).toContain(w);
    expect(text).not.toContain('…');
    const fonts = pdfFonts(pdf);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatchObject({ type: 'CID TrueType', embedded: true, subset: true, unicode: true });
    expect(fonts[0]!.name).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei$/);
    const info = pdfInfo(pdf);
    expect(info.Title).toBe('Capacity report — lab');
    expect(Number(info.Pages)).toBeGreaterThan(1);
    expect(info['Page size']).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
  });

  it('Chinese: the words come out of the embedded subset, a fraction of the font file (subset + compression)', () => {
    const pdf = reportPdf(data('zh-CN', '生产集群'));
    const text = pdfText(pdf);
    expect(text).toContain('容量报告 — 实验室');
    expect(text).toContain('余量');
    expect(text).toContain('每种配置文件还能再放置多少台虚拟机。');
    expect(text).toContain('生产集群-59');
    expect(text).toContain('生产集群 日峰值');
    expect(text).toMatch(/第 1\.0 天/);
    expect(text).toContain('可用 300');
    expect(text).not.toContain('?');
    const fonts = pdfFonts(pdf);
    expect(fonts.map((f) => [f.embedded, f.subset])).toEqual([[true, true]]);
    expect(pdf.byteLength).toBeLessThan(statSync(reportFontPath()).size / 10);
  });

  it('a chart without points says so in the report language', () => {
    const d = data('zh-CN', '空集群');
    const T = reportText('zh-CN');
    d.sections[0]!.charts = [
      {
        title: '空集群 CPU',
        svg: lineChart({
          title: '空集群 CPU',
          lines: [],
          dayLabel: T.day,
          noData: T.noChartData,
          colon: T.colon,
        }),
      },
    ];
    expect(pdfText(reportPdf(d))).toContain('空集群 CPU：尚无数据');
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../engine/capacity';
import { reportPdf } from './pdf';
import { checkPdf } from './pdf-testing';
import type { ReportData } from './report';

const data = (locale: ReportData['locale'], clusterName: string): ReportData => ({
  title: locale === 'zh-CN' ? '容量报告 — 实验室' : 'Capacity report — lab',
  locale,
  generatedAtSimSec: 86_400,
  policy: DEFAULT_POLICY,
  sections: [
    {
      title: locale === 'zh-CN' ? '余量' : 'Headroom',
      intro: 'x '.repeat(300),
      tables: [{ headers: ['Cluster', 'VMs'], rows: Array.from({ length: 60 }, (_, i) => [`${clusterName}-${i}`, i]) }],
      charts: [{ title: `${clusterName} CPU`, svg: '', lines: [{ label: clusterName, points: [[0, 1], [86_400, 2]] }], limit: 3 }],
    },
  ],
  assumptions: ['a'],
});

describe('report PDF', () => {
  it('shows Chinese in the STSong-Light CID font as UCS-2 hex, with a sound xref table', () => {
    const pdf = checkPdf(reportPdf(data('zh-CN', '生产集群')));
    expect(pdf.problems).toEqual([]);
    expect(pdf.objects.get(5)).toBe('<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>');
    const cid = pdf.objects.get(6)!;
    expect(cid).toContain('/Subtype /CIDFontType0 /BaseFont /STSong-Light');
    expect(cid).toContain('/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >>');
    expect(cid).toContain('/FontDescriptor 7 0 R /DW 1000');
    expect(pdf.objects.get(7)).toMatch(/^<< \/Type \/FontDescriptor \/FontName \/STSong-Light \/Flags 6 /);
    // Every page can use it; the content has more than one page (60 rows and a chart).
    const pages = [...pdf.objects.values()].filter((o) => o.startsWith('<< /Type /Page '));
    expect(pages.length).toBeGreaterThan(1);
    for (const p of pages) expect(p).toContain('/Font << /F1 3 0 R /F2 4 0 R /F3 5 0 R >>');
    // 余量 = U+4F59 U+91CF; 生产集群 = U+751F U+4EA7 U+96C6 U+7FA4.
    expect(pdf.streams.join('\n')).toContain('<4F5991CF> Tj');
    expect(pdf.streams.join('\n')).toContain('/F3 9 Tf <751F4EA796C67FA4> Tj');
    expect(pdf.lines).toContain('余量');
    expect(pdf.lines).toContain('生产集群-59');
    expect(pdf.lines.some((l) => l.startsWith('容量报告 — 实验室'))).toBe(true);
    expect(pdf.lines.join('\n')).not.toContain('?');
  });

  it('writes no CJK font when every character is WinAnsi, and the xref stays sound', () => {
    const pdf = checkPdf(reportPdf(data('en', 'prod')));
    expect(pdf.problems).toEqual([]);
    expect([...pdf.objects.values()].some((o) => o.includes('STSong'))).toBe(false);
    expect(pdf.lines).toContain('Headroom');
    expect(pdf.lines).toContain('prod-59');
  });
});

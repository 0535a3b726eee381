import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readXlsx } from './read-xlsx';
import { xlsxOf } from './testing';

describe('xlsx reader (exceljs)', () => {
  it('reads strings, numbers, booleans; marks formulas (result never used); skips empty rows; other sheets listed', async () => {
    const bytes = await xlsxOf({
      vInfo: [
        ['VM', 'CPUs', null, 'On'],
        ['a', { formula: '1+1', result: 2 }, null, true],
        [null],
        ['b', 4, 'x & <y>', false],
      ],
      Other: [['z']],
    });
    const r = await readXlsx('t.xlsx', bytes);
    expect(r.otherSheets).toEqual(['Other']);
    expect(r.tables).toHaveLength(1);
    expect(r.tables[0]).toMatchObject({
      name: 'vInfo',
      source: 't.xlsx ▸ vInfo',
      headers: ['VM', 'CPUs', '', 'On'],
    });
    expect(r.tables[0]!.rows).toEqual([
      { row: 2, cells: ['a', { formula: '1+1' }, null, true] },
      { row: 4, cells: ['b', 4, 'x & <y>', false] },
    ]);
  });

  it('reads rich text and hyperlinks as their text, dates as Excel serials, error cells as empty', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('tabvHost');
    ws.addRow(['Host', 'Note', 'Link', 'Boot', 'Err', 'Tail']);
    ws.addRow([
      'esx-1',
      { richText: [{ text: 'rich ' }, { text: 'text', font: { bold: true } }] },
      { text: 'portal', hyperlink: 'https://example.org' },
      new Date(Date.UTC(2024, 0, 2)),
      { error: '#N/A' },
      'end',
    ]);
    const r = await readXlsx('h.xlsx', new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(r.tables[0]!.name).toBe('vHost');
    expect(r.tables[0]!.rows[0]!.cells).toEqual(['esx-1', 'rich text', 'portal', 45_293, null, 'end']);
  });

  it('refuses a damaged zip', async () => {
    const bytes = await xlsxOf({ vInfo: [['VM']] });
    await expect(readXlsx('t.xlsx', bytes.slice(0, bytes.length - 30))).rejects.toThrow(/zip/);
  });

  it('refuses a workbook whose parts would expand beyond 512 MiB (zip bomb) before inflating', async () => {
    const bytes = await xlsxOf({ vInfo: [['VM'], ['a']] });
    const buf = Buffer.from(bytes);
    const cd = buf.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    buf.writeUInt32LE(600 * 2 ** 20, cd + 24);
    await expect(readXlsx('t.xlsx', new Uint8Array(buf))).rejects.toThrow(/would expand to 629145600 bytes/);
  });
});

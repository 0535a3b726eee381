import { describe, expect, it } from 'vitest';
import { parseSheet, readXlsx, unescapeXml } from './read-xlsx';
import { xlsxOf } from './testing';

describe('xlsx reader', () => {
  it('reads shared, inline and rich strings, numbers, booleans; marks formulas; skips gaps', () => {
    const xml =
      '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>x &amp; y</t></is></c></row>' +
      '<row r="3"><c r="A3"><v>42.5</v></c><c r="B3" t="b"><v>1</v></c><c r="C3"><f>SUM(A1:A2)</f><v>7</v></c><c r="D3" t="e"><v>#N/A</v></c><c r="E3" t="s"><v>1</v></c></row></sheetData>';
    const rows = parseSheet(xml, ['VM', 'rich text']);
    expect(rows).toEqual([
      { row: 1, cells: ['VM', null, 'x & y'] },
      { row: 3, cells: [42.5, true, { formula: 'SUM(A1:A2)' }, null, 'rich text'] },
    ]);
    expect(unescapeXml('&lt;a&gt; &#65;&#x42;')).toBe('<a> AB');
  });

  it('reads a workbook written by another library, formula results are never used', async () => {
    const bytes = await xlsxOf({ vInfo: [['VM', 'CPUs'], ['a', { formula: '1+1', result: 2 }], ['b', 4]], Other: [['z']] });
    const r = await readXlsx('t.xlsx', bytes);
    expect(r.otherSheets).toEqual(['Other']);
    expect(r.tables[0]).toMatchObject({ name: 'vInfo', headers: ['VM', 'CPUs'] });
    expect(r.tables[0]!.rows).toEqual([
      { row: 2, cells: ['a', { formula: '1+1' }] },
      { row: 3, cells: ['b', 4] },
    ]);
  });

  it('refuses a damaged zip', async () => {
    const bytes = await xlsxOf({ vInfo: [['VM']] });
    await expect(readXlsx('t.xlsx', bytes.slice(0, bytes.length - 30))).rejects.toThrow(/zip/);
  });
});

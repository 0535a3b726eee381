import { describe, expect, it } from 'vitest';
import { seriesCsv } from './series-csv';

describe('chart CSV export (TimeSeriesChart.toCsv, through the shared writer)', () => {
  it('writes time then one column per series, missing points empty, RFC 4180 CRLF', () => {
    const csv = seriesCsv(
      [
        {
          label: 'esx-01',
          points: [
            { x: 0, y: 1.5 },
            { x: 20_000, y: 2 },
          ],
        },
        { label: 'esx, "02"', points: [{ x: 20_000, y: -3 }] },
      ],
      '%',
    );
    expect(csv).toBe(
      'time,esx-01 (%),"esx, ""02"" (%)"\r\n1970-01-01T00:00:00.000Z,1.5,\r\n1970-01-01T00:00:20.000Z,2,-3\r\n',
    );
  });
  it('deliberately corrected: labels that a spreadsheet would run as formulas are neutralised (the former writer did not)', () => {
    const csv = seriesCsv([{ label: '=HYPERLINK("x")', points: [{ x: 0, y: Number.NaN }] }], '');
    expect(csv).toBe('time,"\'=HYPERLINK(""x"")"\r\n1970-01-01T00:00:00.000Z,\r\n');
  });
});

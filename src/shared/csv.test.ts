import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, toCsv, type CsvCell } from './csv';

describe('csvCell', () => {
  const cases: [what: string, cell: CsvCell, out: string][] = [
    ['plain text', 'abc', 'abc'],
    ['comma quoted', 'b,c', '"b,c"'],
    ['quotes doubled', 'say "hi"', '"say ""hi"""'],
    ['LF quoted', 'line\nbreak', '"line\nbreak"'],
    ['CR quoted', 'cr\rhere', '"cr\rhere"'],
    ['leading space quoted', ' x', '" x"'],
    ['trailing space quoted', 'x ', '"x "'],
    ['inner space plain', 'a b', 'a b'],
    ['= neutralised', '=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+ neutralised', '+1', "'+1"],
    ['- neutralised', '-2', "'-2"],
    ['@ neutralised', '@cmd', "'@cmd"],
    ['TAB neutralised', '\tx', "'\tx"],
    ['CR neutralised and quoted', '\ry', '"\'\ry"'],
    ['= inside is fine', 'ok=1', 'ok=1'],
    ['formula with comma neutralised then quoted', '=A1,B1', '"\'=A1,B1"'],
    ['negative number stays a number', -1.5, '-1.5'],
    ['zero', 0, '0'],
    ['big number', 1e21, '1e+21'],
    ['NaN empty', Number.NaN, ''],
    ['Infinity empty', Number.POSITIVE_INFINITY, ''],
    ['null empty', null, ''],
    ['undefined empty', undefined, ''],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['Chinese text plain', '集群-01', '集群-01'],
  ];
  it.each(cases)('%s', (_what, cell, out) => expect(csvCell(cell)).toBe(out));
});

describe('toCsv', () => {
  it('joins rows with CRLF and ends with CRLF; nothing for no rows', () => {
    expect(
      toCsv([
        ['a', 'b,c'],
        [1, null],
      ]),
    ).toBe('a,"b,c"\r\n1,\r\n');
    expect(toCsv([])).toBe('');
  });
  it('neutraliseFormula touches only strings', () => {
    expect(neutraliseFormula('=1')).toBe("'=1");
    expect(neutraliseFormula(-1)).toBe(-1);
    expect(neutraliseFormula(null)).toBe(null);
    expect(neutraliseFormula(true)).toBe(true);
  });
});

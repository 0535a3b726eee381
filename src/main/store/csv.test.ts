import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes RFC 4180: CRLF rows, quotes around fields with comma, quote or line breaks, quotes doubled', () => {
    expect(
      toCsv([
        ['a', 'b,c', 'say "hi"', 'line\nbreak', 'cr\rhere'],
        [1, 2.5, null, -3, 0],
      ]),
    ).toBe('a,"b,c","say ""hi""","line\nbreak","cr\rhere"\r\n1,2.5,,-3,0\r\n');
  });

  it("neutralises formulas: string cells starting with = + - @ TAB or CR get a leading '", () => {
    expect(toCsv([['=SUM(A1:A9)', '+1', '-2', '@cmd', '\tx', '\ry', 'ok=1']])).toBe(
      "'=SUM(A1:A9),'+1,'-2,'@cmd,'\tx,\"'\ry\",ok=1\r\n",
    );
  });

  it('keeps numbers as numbers (negative numbers are not prefixed) and writes non-finite numbers as empty', () => {
    expect(toCsv([[-1.5, NaN, Infinity, 1e21]])).toBe('-1.5,,,1e+21\r\n');
  });

  it('writes nothing for no rows', () => {
    expect(toCsv([])).toBe('');
  });
});

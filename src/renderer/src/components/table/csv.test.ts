import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('quotes commas, quotes and newlines and leaves empty cells for missing values', () => {
    expect(toCsv(['name', 'note'], [['a,b', 'say "hi"'], ['c', null], ['line\nbreak', 3]])).toBe(
      'name,note\n"a,b","say ""hi"""\nc,\n"line\nbreak",3\n',
    );
  });
});

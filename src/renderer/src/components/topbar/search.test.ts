import { describe, expect, it } from 'vitest';
import { matches, parseQuery } from './search';

describe('search query', () => {
  it('matches names by fragment and tags by prefix with tag:', () => {
    const web = { name: 'web-01', tags: ['web', 'ha-priority:high'] };
    const db = { name: 'db-01', tags: ['database'] };
    const q = (s: string) => parseQuery(s)!;
    expect(matches(web, q('EB-0'))).toBe(true);
    expect(matches(db, q('web'))).toBe(false);
    expect(matches(web, q('tag:web'))).toBe(true);
    expect(matches(db, q('tag:web'))).toBe(false);
    expect(matches(web, q('tag:HA-priority:h'))).toBe(true);
    expect(matches({ name: 'web-02' }, q('tag:web'))).toBe(false); // the name alone does not match a tag query
    expect(parseQuery('tag:  ')).toBeNull();
    expect(parseQuery('  ')).toBeNull();
  });
});

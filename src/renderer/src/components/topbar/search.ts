/**
 * The top search box's query: a name fragment, or `tag:TEXT` for objects with a tag starting with
 * TEXT (case-insensitive; `tag:ha-priority:high` keeps the colons of the tag).
 */
export interface Searchable {
  name: string;
  tags?: string[];
}

export type SearchQuery = { kind: 'name'; text: string } | { kind: 'tag'; text: string };

export function parseQuery(raw: string): SearchQuery | null {
  const q = raw.trim().toLowerCase();
  if (!q) return null;
  if (q.startsWith('tag:')) {
    const text = q.slice(4).trim();
    return text ? { kind: 'tag', text } : null;
  }
  return { kind: 'name', text: q };
}

export function matches(n: Searchable, q: SearchQuery): boolean {
  if (q.kind === 'name') return n.name.toLowerCase().includes(q.text);
  return (n.tags ?? []).some((t) => t.toLowerCase().startsWith(q.text));
}

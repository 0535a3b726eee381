/** Client-side checks of tags and custom attributes (the engine checks the same: commands/vm-lifecycle.ts). */
import type { Problem } from './validate';

export function annotationProblem(tags: string[], attrs: { key: string; value: string }[]): Problem {
  if (tags.length > 100) return { key: 'lifecycle.err.tooMany', params: { max: 100 } };
  if (tags.some((x) => x.trim().length > 80)) return { key: 'lifecycle.err.tagLength', params: { max: 80 } };
  if (attrs.length > 50) return { key: 'lifecycle.err.tooMany', params: { max: 50 } };
  const keys = new Set<string>();
  for (const a of attrs) {
    const k = a.key.trim();
    if (!k) return { key: 'lifecycle.err.keyRequired' };
    if (k.length > 40) return { key: 'lifecycle.err.keyLength', params: { max: 40 } };
    if (a.value.length > 200) return { key: 'lifecycle.err.valueLength', params: { max: 200 } };
    if (keys.has(k)) return { key: 'lifecycle.err.keyTwice', params: { key: k } };
    keys.add(k);
  }
  return null;
}

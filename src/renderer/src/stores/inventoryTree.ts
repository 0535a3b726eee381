/** Pure helpers over the inventory tree: an id index with parents, and a change fingerprint. */
import type { InventoryNodeView } from '@shared/schemas/views';

export interface Indexed {
  byId: Map<string, InventoryNodeView>;
  parentOf: Map<string, string | null>;
  count: number;
}

export function indexTree(roots: InventoryNodeView[]): Indexed {
  const byId = new Map<string, InventoryNodeView>();
  const parentOf = new Map<string, string | null>();
  const stack: [InventoryNodeView, string | null][] = roots.map((r) => [r, null]);
  while (stack.length) {
    const [n, p] = stack.pop() as [InventoryNodeView, string | null];
    byId.set(n.id, n);
    parentOf.set(n.id, p);
    for (const c of n.children ?? []) stack.push([c, n.id]);
  }
  return { byId, parentOf, count: byId.size };
}

/** A compact fingerprint of ids, names, states, tags and structure. */
export function treeSignature(roots: InventoryNodeView[]): string {
  const parts: string[] = [];
  const walk = (n: InventoryNodeView): void => {
    parts.push(n.id, n.name, n.state, n.tags ? n.tags.join('\u0002') : '', '(');
    for (const c of n.children ?? []) walk(c);
    parts.push(')');
  };
  for (const r of roots) walk(r);
  return parts.join('\u0001');
}

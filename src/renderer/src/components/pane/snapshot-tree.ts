/** Rows of a VM's snapshot tree, depth-first in creation order, with "You are here" under the current one. */
import type { SnapshotViewData } from '@shared/schemas/views';

export interface SnapshotRow {
  key: string;
  depth: number;
  snapshot: SnapshotViewData | null;
  /** The "You are here" marker (the running state). */
  here: boolean;
}

export function snapshotRows(list: SnapshotViewData[], currentId: string | null): SnapshotRow[] {
  const kids = new Map<string | null, SnapshotViewData[]>();
  for (const s of list) {
    const k = kids.get(s.parentId) ?? [];
    k.push(s);
    kids.set(s.parentId, k);
  }
  const out: SnapshotRow[] = [];
  const walk = (parent: string | null, depth: number): void => {
    for (const s of kids.get(parent) ?? []) {
      out.push({ key: s.id, depth, snapshot: s, here: false });
      walk(s.id, depth + 1);
      if (s.id === currentId) out.push({ key: 'here', depth: depth + 1, snapshot: null, here: true });
    }
  };
  walk(null, 0);
  if (currentId === null) out.push({ key: 'here', depth: 0, snapshot: null, here: true });
  return out;
}

import { describe, expect, it } from 'vitest';
import { snapshotRows } from './snapshot-tree';

const snap = (id: string, parentId: string | null) => ({
  id,
  name: id,
  description: '',
  parentId,
  createdAtSec: 0,
  power: 'poweredOn',
  memory: false,
  sizeGiB: 0,
});

describe('snapshot tree rows', () => {
  it('nests children under parents and puts "You are here" under the current snapshot', () => {
    const list = [snap('a', null), snap('b', 'a'), snap('c', 'a'), snap('d', 'c')];
    const rows = snapshotRows(list, 'b').map((r) => `${'  '.repeat(r.depth)}${r.here ? 'HERE' : r.key}`);
    expect(rows).toEqual(['a', '  b', '    HERE', '  c', '    d']);
    expect(snapshotRows([], null).map((r) => r.here)).toEqual([true]);
  });
});

import { describe, expect, it } from 'vitest';
import type { InventoryNodeView } from '@shared/schemas/views';
import { indexTree, treeSignature } from './inventoryTree';

const tree = (vmState: string, vmParent: 'h1' | 'h2'): InventoryNodeView[] => [
  {
    id: 'dc',
    kind: 'datacenter',
    name: 'DC',
    state: 'ok',
    parentId: null,
    children: [
      {
        id: 'h1',
        kind: 'host',
        name: 'esx-01',
        state: 'connected',
        parentId: 'dc',
        children:
          vmParent === 'h1' ? [{ id: 'v', kind: 'vm', name: 'web', state: vmState, parentId: 'h1' }] : [],
      },
      {
        id: 'h2',
        kind: 'host',
        name: 'esx-02',
        state: 'connected',
        parentId: 'dc',
        children:
          vmParent === 'h2' ? [{ id: 'v', kind: 'vm', name: 'web', state: vmState, parentId: 'h2' }] : [],
      },
    ],
  },
];

describe('inventory index and signature', () => {
  it('indexes every node with its parent', () => {
    const ix = indexTree(tree('poweredOn', 'h1'));
    expect(ix.count).toBe(4);
    expect(ix.parentOf.get('v')).toBe('h1');
    expect(ix.parentOf.get('dc')).toBeNull();
  });
  it('changes when a state changes or a VM moves, not otherwise', () => {
    const a = treeSignature(tree('poweredOn', 'h1'));
    expect(treeSignature(tree('poweredOn', 'h1'))).toBe(a);
    expect(treeSignature(tree('poweredOff', 'h1'))).not.toBe(a);
    expect(treeSignature(tree('poweredOn', 'h2'))).not.toBe(a);
  });
});

/**
 * The inventory (Hosts & Clusters tree from `inventory.tree`), an id index, the selection and the
 * tree view mode. Refreshes itself (debounced) when events arrive, since events mark changes.
 */
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { InventoryNodeView } from '@shared/schemas/views';
import { api } from '@renderer/api';
import { indexTree, treeSignature, type Indexed } from './inventoryTree';

export { indexTree, treeSignature, type Indexed };

export type TreeView = 'hosts' | 'vms' | 'storage';
export type EntityKind = InventoryNodeView['kind'];

export const useInventoryStore = defineStore('inventory', () => {
  /** Raw tree; never deep-reactive (20,000 nodes). Replaced on every refresh. */
  const roots = shallowRef<InventoryNodeView[]>([]);
  const index = shallowRef<Indexed>(markRaw(indexTree([])));
  const version = ref(0);
  const selectedId = ref<string | null>(null);
  const view = ref<TreeView>('hosts');
  const loading = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let signature = '';

  const selected = computed(() => {
    void version.value;
    return selectedId.value ? (index.value.byId.get(selectedId.value) ?? null) : null;
  });

  async function refresh(): Promise<void> {
    loading.value = true;
    const r = await api.call('inventory.tree', {});
    loading.value = false;
    if (!r.ok) return;
    // Unchanged trees (the common case at high speed) do not re-render 20,000 nodes.
    const sig = treeSignature(r.value);
    if (sig === signature) return;
    signature = sig;
    roots.value = markRaw(r.value);
    index.value = markRaw(indexTree(r.value));
    version.value++;
    if (selectedId.value && !index.value.byId.has(selectedId.value)) selectedId.value = null;
    if (!selectedId.value && r.value[0]) selectedId.value = r.value[0].id;
  }

  function refreshSoon(delayMs = 300): void {
    if (timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void refresh();
    }, delayMs);
  }

  function select(id: string | null): void {
    selectedId.value = id;
  }

  function node(id: string): InventoryNodeView | undefined {
    return index.value.byId.get(id);
  }

  function ancestors(id: string): string[] {
    const out: string[] = [];
    let p = index.value.parentOf.get(id) ?? null;
    while (p) {
      out.push(p);
      p = index.value.parentOf.get(p) ?? null;
    }
    return out;
  }

  /** All nodes of the given kinds under `id` (depth-first, tree order). */
  function descendants(id: string, kinds: EntityKind[]): InventoryNodeView[] {
    const start = index.value.byId.get(id);
    if (!start) return [];
    const out: InventoryNodeView[] = [];
    const walk = (n: InventoryNodeView): void => {
      for (const c of n.children ?? []) {
        if (kinds.includes(c.kind)) out.push(c);
        walk(c);
      }
    };
    walk(start);
    return out;
  }

  function all(kinds: EntityKind[]): InventoryNodeView[] {
    const out: InventoryNodeView[] = [];
    for (const n of index.value.byId.values()) if (kinds.includes(n.kind)) out.push(n);
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  api.on('events', () => refreshSoon(1000));
  api.on('tasks', (tasks) => {
    if (tasks.some((t) => t.state !== 'running' && t.state !== 'queued')) refreshSoon();
  });
  api.on('workspace', () => {
    selectedId.value = null;
    signature = '';
    void refresh();
  });
  api.onReconnect(() => void refresh());

  return { roots, index, version, selectedId, selected, view, loading, refresh, refreshSoon, select, node, ancestors, descendants, all };
});

/**
 * The inventory (Hosts & Clusters tree from `inventory.tree`), an id index, the selection and the
 * tree view mode. Refreshes itself (debounced) when events arrive, since events mark changes.
 */
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import type { InventoryNodeView } from '@shared/schemas/views';
import { useApi } from '@renderer/api';
import { indexTree, treeSignature, type Indexed } from './inventoryTree';

export { indexTree, treeSignature, type Indexed };

export type TreeView = 'hosts' | 'vms' | 'storage';
export type EntityKind = InventoryNodeView['kind'];

export const useInventoryStore = defineStore('inventory', () => {
  const api = useApi();
  /** Raw tree; never deep-reactive (20,000 nodes). Replaced on every refresh. */
  const roots = shallowRef<InventoryNodeView[]>([]);
  const index = shallowRef<Indexed>(markRaw(indexTree([])));
  const version = ref(0);
  const selectedId = ref<string | null>(null);
  const view = ref<TreeView>('hosts');
  const loading = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let signature = '';
  let lastRefreshAt = 0;
  /** Ids outside the inventory tree that stay selectable (resource pools, stores/pools.ts). */
  let keepSelection: (id: string) => boolean = () => false;
  function keepSelectionOf(fn: (id: string) => boolean): void {
    keepSelection = fn;
  }
  /** Tasks this console started: their end refreshes the tree at once, whatever its size. */
  const ownTasks = new Set<string>();

  const selected = computed(() => {
    void version.value;
    return selectedId.value ? (index.value.byId.get(selectedId.value) ?? null) : null;
  });

  async function refresh(): Promise<void> {
    lastRefreshAt = Date.now();
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
    if (selectedId.value && !index.value.byId.has(selectedId.value) && !keepSelection(selectedId.value))
      selectedId.value = null;
    if (!selectedId.value && r.value[0]) selectedId.value = r.value[0].id;
  }

  /**
   * Least time between background refreshes. The whole tree is sent each time (about 100 bytes a
   * node), so a big inventory at high speed, where events arrive every push, is fetched at most at
   * ~32 KB/s: every second up to 320 nodes, every 15 s for 5,000 nodes.
   */
  function backgroundGapMs(): number {
    return Math.min(15_000, Math.max(1000, (index.value.count * 100) / 32));
  }

  /** Refreshes after `delayMs`; background (non-urgent) refreshes also keep the size-based gap. */
  function refreshSoon(delayMs = 300, urgent = false): void {
    const wait = urgent ? delayMs : Math.max(delayMs, lastRefreshAt + backgroundGapMs() - Date.now());
    if (timer !== null) {
      if (!urgent) return;
      clearTimeout(timer);
    }
    timer = setTimeout(() => {
      timer = null;
      void refresh();
    }, wait);
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
  api.onCommand((r) => {
    if (r.taskId) ownTasks.add(r.taskId);
    refreshSoon(100, true);
  });
  api.on('tasks', (tasks) => {
    const done = tasks.filter((t) => t.state !== 'running' && t.state !== 'queued');
    const mine = done.filter((t) => ownTasks.delete(t.id));
    if (mine.length) refreshSoon(300, true);
    else if (done.length) refreshSoon();
  });
  api.on('workspace', () => {
    selectedId.value = null;
    signature = '';
    void refresh();
  });
  api.onReconnect(() => void refresh());

  return {
    roots,
    index,
    version,
    selectedId,
    selected,
    view,
    loading,
    refresh,
    refreshSoon,
    select,
    node,
    ancestors,
    descendants,
    all,
    keepSelectionOf,
  };
});

/** Builds NTree options for the three inventory views from the raw Hosts & Clusters tree. */
import type { TreeOption } from 'naive-ui';
import { GUEST_KINDS, type InventoryNodeView } from '@shared/schemas/views';
import type { EntityKind, TreeView } from '@renderer/stores/inventory';
import type { PoolViewOut } from '@shared/contract-pools';

export interface NodeOption extends TreeOption {
  key: string;
  label: string;
  kind: EntityKind | 'folder' | 'pool';
  state: string;
  parentName: string;
  children?: NodeOption[];
}

const STORAGE_KINDS: EntityKind[] = ['datastore', 'network'];

function leafOrChildren(children: NodeOption[]): Pick<NodeOption, 'children' | 'isLeaf'> {
  return children.length ? { children, isLeaf: false } : { isLeaf: true };
}

function hostsAndClusters(n: InventoryNodeView, parentName: string, pools: PoolViewOut[]): NodeOption {
  const children = (n.children ?? [])
    .filter((c) => !STORAGE_KINDS.includes(c.kind))
    .map((c) => hostsAndClusters(c, n.name, pools));
  // Resource pools and vApps of a cluster, after its hosts (issue 20), nested as they are.
  if (n.kind === 'cluster') children.push(...poolNodes(n.id, n.name, pools));
  return { key: n.id, label: n.name, kind: n.kind, state: n.state, parentName, ...leafOrChildren(children) };
}

function poolNodes(parentId: string, parentName: string, pools: PoolViewOut[]): NodeOption[] {
  return pools
    .filter((p) => p.kind !== 'root' && p.parentId === parentId)
    .map((p) => ({
      key: p.id,
      label: p.name,
      kind: 'pool' as const,
      state: p.kind,
      parentName,
      ...leafOrChildren(poolNodes(p.id, p.name, pools)),
    }));
}

function collect(n: InventoryNodeView, kinds: readonly EntityKind[], out: InventoryNodeView[]): void {
  for (const c of n.children ?? []) {
    if (kinds.includes(c.kind)) out.push(c);
    collect(c, kinds, out);
  }
}

function folder(
  dc: InventoryNodeView,
  id: string,
  label: string,
  nodes: InventoryNodeView[],
  parentName: string,
): NodeOption {
  const children = nodes
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map<NodeOption>((c) => ({
      key: c.id,
      label: c.name,
      kind: c.kind,
      state: c.state,
      parentName: label,
      isLeaf: true,
    }));
  return {
    key: `folder:${dc.id}:${id}`,
    label,
    kind: 'folder',
    state: '',
    parentName,
    ...leafOrChildren(children),
  };
}

export interface FolderLabels {
  vms: string;
  containers: string;
  services: string;
  datastores: string;
  networks: string;
  templates: string;
}

export function buildOptions(
  roots: InventoryNodeView[],
  view: TreeView,
  labels: FolderLabels,
  pools: PoolViewOut[] = [],
): NodeOption[] {
  switch (view) {
    case 'hosts':
      return roots.map((r) => hostsAndClusters(r, '', pools));
    case 'vms':
      return roots.map((dc) => {
        const guests: InventoryNodeView[] = [];
        collect(dc, GUEST_KINDS, guests);
        const kids = [
          folder(
            dc,
            'vms',
            labels.vms,
            guests.filter((g) => g.kind === 'vm' && g.state !== 'template'),
            dc.name,
          ),
          folder(
            dc,
            'templates',
            labels.templates,
            guests.filter((g) => g.kind === 'vm' && g.state === 'template'),
            dc.name,
          ),
          folder(
            dc,
            'containers',
            labels.containers,
            guests.filter((g) => g.kind === 'container'),
            dc.name,
          ),
          folder(
            dc,
            'services',
            labels.services,
            guests.filter((g) => g.kind === 'service'),
            dc.name,
          ),
        ];
        return { key: dc.id, label: dc.name, kind: dc.kind, state: dc.state, parentName: '', children: kids };
      });
    case 'storage':
      return roots.map((dc) => {
        const st: InventoryNodeView[] = [];
        collect(dc, STORAGE_KINDS, st);
        const kids = [
          folder(
            dc,
            'datastores',
            labels.datastores,
            st.filter((g) => g.kind === 'datastore'),
            dc.name,
          ),
          folder(
            dc,
            'networks',
            labels.networks,
            st.filter((g) => g.kind === 'network'),
            dc.name,
          ),
        ];
        return { key: dc.id, label: dc.name, kind: dc.kind, state: dc.state, parentName: '', children: kids };
      });
  }
}

/** Keys to expand by default: everything when small, otherwise down to clusters and folders. */
export function defaultExpanded(options: NodeOption[], total: number): string[] {
  const out: string[] = [];
  const walk = (o: NodeOption, depth: number): void => {
    if (!o.children) return;
    const deep =
      total <= 400 ||
      o.kind === 'datacenter' ||
      (o.kind === 'cluster' && total <= 3000) ||
      (o.kind === 'folder' && total <= 3000);
    if (deep || depth === 0) out.push(o.key);
    for (const c of o.children) walk(c, depth + 1);
  };
  for (const o of options) walk(o, 0);
  return out;
}

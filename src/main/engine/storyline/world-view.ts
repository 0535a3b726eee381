/**
 * Read-only questions the storyline and lab code asks of a running engine, answered from its public
 * surface only (inventory tree, describe, the scenario it started from).
 */
import type { EntityKind, InventoryNode } from '../api';
import type { Scenario, WorkloadSpec } from '../model/scenario';
import type { SimEngine } from './types';

export interface FlatNode {
  id: string;
  kind: EntityKind;
  name: string;
  state: string;
  parentId: string | null;
}

/** The inventory tree as a map, in tree order (parents before children, ids in engine order). */
export function flattenInventory(roots: readonly InventoryNode[]): Map<string, FlatNode> {
  const out = new Map<string, FlatNode>();
  const walk = (nodes: readonly InventoryNode[]): void => {
    for (const n of nodes) {
      out.set(n.id, { id: n.id, kind: n.kind, name: n.name, state: n.state, parentId: n.parentId });
      if (n.children) walk(n.children);
    }
  };
  walk(roots);
  return out;
}

/** True when `ancestorId` is `id` itself or one of its ancestors in the tree. */
export function isWithin(nodes: Map<string, FlatNode>, id: string, ancestorId: string): boolean {
  let cur: string | null = id;
  for (let guard = 0; cur !== null && guard < 64; guard++) {
    if (cur === ancestorId) return true;
    cur = nodes.get(cur)?.parentId ?? null;
  }
  return false;
}

function asScenario(s: unknown): Scenario | null {
  return typeof s === 'object' && s !== null && Array.isArray((s as Scenario).vms) ? (s as Scenario) : null;
}

function isWorkload(w: unknown): w is WorkloadSpec {
  return (
    typeof w === 'object' &&
    w !== null &&
    typeof (w as WorkloadSpec).pattern === 'string' &&
    typeof (w as WorkloadSpec).cpuPeakPct === 'number'
  );
}

/** A property of an entity's detail (describe answers { properties: {...} }), or undefined. */
function detailProperty(engine: SimEngine, id: string, field: string): unknown {
  const d = engine.describe(id);
  if (!d.ok || typeof d.value !== 'object' || d.value === null) return undefined;
  const props = (d.value as { properties?: unknown }).properties;
  return typeof props === 'object' && props !== null ? (props as Record<string, unknown>)[field] : undefined;
}

/** The service a VM belongs to: its detail's serviceId, else its scenario spec's. */
export function serviceOfVm(engine: SimEngine, vmId: string): string | null {
  const fromDetail = detailProperty(engine, vmId, 'serviceId');
  if (typeof fromDetail === 'string') return fromDetail;
  const spec = asScenario(engine.scenario)?.vms.find((v) => v.id === vmId);
  return spec?.serviceId ?? null;
}

/**
 * A VM's current workload: the engine's record (its read-only `world` view, when it offers one), else
 * its scenario spec's, else its service template's.
 */
export function workloadOfVm(engine: SimEngine, vmId: string): WorkloadSpec | null {
  const live = engine.world?.vmById.get(vmId)?.workload;
  if (isWorkload(live)) return { ...live };
  const scenario = asScenario(engine.scenario);
  const spec = scenario?.vms.find((v) => v.id === vmId);
  if (spec) return { ...spec.workload };
  const serviceId = serviceOfVm(engine, vmId);
  const service = scenario?.services.find((s) => s.id === serviceId);
  return service && service.template.kind === 'vm' ? { ...service.template.workload } : null;
}

/**
 * The VMs a target names, in inventory order: the VM itself; every VM under a datacenter, cluster or
 * host; every VM replica of a service. Unknown ids give an empty list.
 */
export function vmsOfTarget(engine: SimEngine, targetId: string): string[] {
  const nodes = flattenInventory(engine.inventory());
  const vms = [...nodes.values()].filter((n) => n.kind === 'vm');
  const target = nodes.get(targetId);
  if (target && target.kind !== 'service')
    return vms.filter((n) => isWithin(nodes, n.id, targetId)).map((n) => n.id);
  return vms.filter((n) => serviceOfVm(engine, n.id) === targetId).map((n) => n.id);
}

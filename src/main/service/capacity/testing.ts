/** A recorded simulation for the capacity tests and benchmarks: engine + real workspace file. */
import { join } from 'node:path';
import { createEngine, type Engine, type InventoryNode, type Scenario } from '../../engine';
import { Workspace } from '../../store';
import { wrapCheckpoint } from '../checkpoint';

function walk(
  nodes: InventoryNode[],
  out: { id: string; kind: string; name: string; parentId: string | null }[] = [],
) {
  for (const n of nodes) {
    out.push({ id: n.id, kind: n.kind, name: n.name, parentId: n.parentId });
    if (n.children) walk(n.children, out);
  }
  return out;
}

export function recorded(
  dir: string,
  scenario: Scenario,
  o: { tickSeconds: number; days: number; name?: string },
): { engine: Engine; ws: Workspace } {
  const created = createEngine(scenario, { tickSeconds: o.tickSeconds });
  if (!created.ok) throw new Error(created.error.message);
  const engine = created.value;
  const ws = Workspace.create(join(dir, `${o.name ?? 'parent'}.vdc`), {
    name: o.name ?? 'parent',
    scenario: engine.scenario,
    seed: 1,
    tickSeconds: engine.tickSeconds,
    startEpochMs: engine.startEpochMs,
    catalog: engine.catalog(),
  });
  if (!ws.ok) throw new Error(ws.error.message);
  ws.value.registerEntities(walk(engine.inventory()));
  advance(engine, ws.value, o.days);
  const saved = ws.value.saveSnapshot(engine.tick, engine.time, wrapCheckpoint(engine.snapshot(), 0));
  if (!saved.ok) throw new Error(saved.error.message);
  return { engine, ws: ws.value };
}

export function advance(engine: Engine, ws: Workspace, days: number): void {
  const ticks = Math.round((days * 86_400) / engine.tickSeconds);
  for (let i = 0; i < ticks; i++) {
    const r = engine.step();
    ws.appendTick(r);
    if (r.events.some((e) => /created|added|removed|deleted/.test(e.type)))
      ws.registerEntities(walk(engine.inventory()));
  }
  const f = ws.flush();
  if (!f.ok) throw new Error(f.error.message);
}

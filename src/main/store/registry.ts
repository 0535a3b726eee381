/** The entity registry in memory: id ↔ small integer eid (the key of every metrics row), kind and name. */
import type { EntityInfo } from './context';
import type { EntityRecord } from './types';

const record = (e: EntityInfo): EntityRecord => ({
  id: e.id,
  kind: e.kind,
  name: e.name,
  parentId: e.parentId,
});

export class EntityRegistry {
  readonly byId = new Map<string, EntityInfo>();
  readonly byEid: (EntityInfo | undefined)[] = [];

  /** `changed` is told about every new or renamed entity, to be written with the next flush. */
  constructor(
    rows: EntityInfo[],
    private readonly changed: (e: EntityInfo) => void,
  ) {
    for (const r of rows) this.set(r);
  }

  get(id: string): EntityRecord | null {
    const e = this.byId.get(id);
    return e ? record(e) : null;
  }

  /** Entities whose id or name equals `idOrName` (an id match wins). */
  find(idOrName: string): EntityRecord[] {
    const e = this.byId.get(idOrName);
    if (e) return [record(e)];
    return [...this.byId.values()].filter((x) => x.name === idOrName).map(record);
  }

  upsert(entities: EntityRecord[]): void {
    for (const e of entities) {
      const known = this.byId.get(e.id);
      if (known && known.name === e.name && known.parentId === e.parentId && known.kind === e.kind) continue;
      this.add({
        eid: known?.eid ?? this.nextEid(),
        id: e.id,
        kind: e.kind,
        name: e.name,
        parentId: e.parentId,
      });
    }
  }

  /** The eid of an id, registering it (named after its id) when it is new. */
  eidFor(id: string, kind: string): number {
    return this.byId.get(id)?.eid ?? this.add({ eid: this.nextEid(), id, kind, name: id, parentId: null });
  }

  private nextEid(): number {
    return Math.max(1, this.byEid.length);
  }

  private set(e: EntityInfo): void {
    this.byId.set(e.id, e);
    this.byEid[e.eid] = e;
  }

  private add(e: EntityInfo): number {
    this.set(e);
    this.changed(e);
    return e.eid;
  }
}

import { describe, expect, it } from 'vitest';
import { ctxOf, host, scenario, setDemand, vm, world } from '../testing/fixture';
import { spreadPlacement } from './spread';
import { firstFit } from '../simple-policies';
import { requestForVm } from '../requests';
import type { World } from '../../world/world';
import type { ExplainedDecision } from '../explain';
import type { PlacementContext } from '../types';
import type { SchedRequest } from '../explain';

function evacuate(
  w: World,
  policy: (c: PlacementContext, r: SchedRequest) => ExplainedDecision,
): Map<string, number> {
  const { book } = ctxOf(w);
  const count = new Map<string, number>();
  for (const v of w.vms.filter((x) => x.hostId === 'host-1')) {
    const req = requestForVm(w, v, 'evacuate', ['host-1']);
    const d = policy({ world: w, book }, req);
    expect(d.hostId).not.toBeNull();
    book.add(d.hostId!, req.guest, null);
    v.migratingTo = d.hostId; // what the engine does when it queues the migration
    count.set(d.hostId!, (count.get(d.hostId!) ?? 0) + 1);
  }
  return count;
}

describe('maintenance evacuation spreads guests', () => {
  const make = () => {
    const w = world(
      scenario(
        [host(1), host(2), host(3)],
        [1, 2, 3, 4].map((i) => vm(`vm-${i}`, 'host-1')),
      ),
    );
    setDemand(w, Object.fromEntries([1, 2, 3, 4].map((i) => [`vm-${i}`, { cpuMHz: 4000 }])));
    w.hostById.get('host-1')!.state = 'maintenance';
    return w;
  };
  it('alternates targets by projected load instead of piling up', () => {
    expect([...evacuate(make(), (c, r) => spreadPlacement(c, r)).entries()]).toEqual([
      ['host-2', 2],
      ['host-3', 2],
    ]);
  });
  it('(first-fit, for contrast, piles everything on the first host)', () => {
    expect([...evacuate(make(), firstFit).entries()]).toEqual([['host-2', 4]]);
  });
});

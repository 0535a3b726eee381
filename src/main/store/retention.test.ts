import nodePath from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../engine/api';
import { Workspace } from './workspace';
import { fleet, makeTick, removeTempDirs, tempDir, testInit } from './testing/synth';

afterAll(removeTempDirs);

describe('retention', () => {
  it('keeps each level for its configured time and deletes older rows and events while flushing', () => {
    const retention = {
      realtimeSec: 300, // 15 samples of 20 s
      levels: [
        { intervalSec: 60, keepSec: 600 }, // 10 rows
        { intervalSec: 300, keepSec: 3000 }, // 10 rows
      ],
      eventsKeepSec: 1000,
    };
    const r = Workspace.create(nodePath.join(tempDir(), 'ret.vdc'), testInit({ retention }));
    if (!r.ok) throw new Error(r.error.message);
    const ws = r.value;
    const f = fleet(1, 2); // 3 entities
    for (let k = 1; k <= 600; k++) {
      const events: EngineEvent[] = [
        { time: k * 20, severity: 'info', type: 'tick', message: `t${k}`, objects: ['vm-0'] },
      ];
      ws.appendTick(makeTick(k, 20, f, undefined, undefined, { events }));
    }
    const info = ws.info(); // lastTime = 12000 s
    const level = (s: number) => info.perLevel.find((l) => l.intervalSec === s)!;
    expect(level(20)).toMatchObject({ rows: 15 * 3, span: { from: 12_000 - 280, to: 12_000 } });
    expect(level(60)).toMatchObject({ rows: 10 * 3, span: { from: 12_000 - 540, to: 12_000 } });
    expect(level(300)).toMatchObject({ rows: 10 * 3, span: { from: 12_000 - 2700, to: 12_000 } });
    const ev = ws.queryEvents({ limit: 1000, offset: 0 });
    expect(ev.ok && ev.value.total).toBe(50); // events with time in (11000, 12000]
    expect(info.tables.find((t) => t.name === 'event_objects')?.rows).toBe(50);
    ws.close();
  });
});

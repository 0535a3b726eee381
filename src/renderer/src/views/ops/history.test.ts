import { describe, expect, it } from 'vitest';
import {
  customRangeProblem,
  eventsCsv,
  fetchAll,
  objectParams,
  simToText,
  tasksCsv,
  textToSim,
  timeParams,
} from './history';

describe('events console helpers', () => {
  it('turns a time range into from/to ending now, never below 0', () => {
    expect(timeParams('all', 5000)).toEqual({});
    expect(timeParams('h1', 5000)).toEqual({ from: 1400, to: 5000 });
    expect(timeParams('d1', 5000)).toEqual({ from: 0, to: 5000 });
  });

  it('a custom range: UTC text to simulated seconds and back, checked before it applies', () => {
    const start = Date.UTC(2026, 0, 5);
    expect(timeParams('custom', 5000)).toEqual({});
    expect(timeParams('custom', 5000, { from: 60, to: 7200 })).toEqual({ from: 60, to: 7200 });
    expect(simToText(3600 + 120, start)).toBe('2026-01-05 01:02');
    expect(textToSim('2026-01-05 01:02', start)).toBe(3720);
    expect(textToSim(' 2026-01-05T01:02:30 ', start)).toBe(3750);
    expect(textToSim('2026-02-30 00:00', start)).toBeNull();
    expect(textToSim('2026-01-05 24:00', start)).toBeNull();
    expect(textToSim('yesterday', start)).toBeNull();
    expect(customRangeProblem(null, 5)).toBe('badFrom');
    expect(customRangeProblem(5, null)).toBe('badTo');
    expect(customRangeProblem(10, 5)).toBe('order');
    expect(customRangeProblem(5, 5)).toBeNull();
  });

  it('scopes by object only when one is chosen', () => {
    expect(objectParams(null, true)).toEqual({});
    expect(objectParams('host-1', true)).toEqual({ objectId: 'host-1', includeChildren: true });
    expect(objectParams('host-1', false)).toEqual({ objectId: 'host-1', includeChildren: false });
  });

  it('writes events and tasks as RFC 4180 CSV with names, ids and UTC times', () => {
    const names = new Map([['vm-1', 'web-01']]);
    const nameOf = (id: string) => names.get(id) ?? id;
    const ev = eventsCsv(
      [
        {
          time: 60,
          severity: 'warning',
          type: 'vm.migrate',
          message: 'Moved, "fast"',
          objects: ['vm-1', 'host-1'],
        },
      ],
      nameOf,
      Date.UTC(2026, 0, 5),
    );
    expect(ev.split('\r\n')[1]).toBe(
      '2026-01-05T00:01:00.000Z,60,warning,vm.migrate,"Moved, ""fast""",web-01; host-1,vm-1; host-1',
    );
    const ts = tasksCsv(
      [
        {
          id: 't1',
          type: 'vm.power',
          description: '=cmd',
          target: 'vm-1',
          state: 'success',
          progress: 100,
          queuedAt: 0,
          startedAt: 20,
          finishedAt: 80,
          reason: null,
        },
        {
          id: 't2',
          type: 'vm.migrate',
          description: 'Migrate',
          target: 'vm-1',
          state: 'success',
          progress: 100,
          queuedAt: 1000,
          startedAt: 1000,
          finishedAt: 1002.6,
          reason: 'completed in 2.6 s',
        },
      ],
      nameOf,
      0,
    );
    expect(ts.split('\r\n')[1]).toBe(
      "1970-01-01T00:00:00.000Z,vm.power,'=cmd,web-01,vm-1,success,100,1970-01-01T00:00:20.000Z,1970-01-01T00:01:20.000Z,60,",
    );
    // The duration of a migration is its measured time, without binary noise (1002.6 - 1000).
    expect(ts.split('\r\n')[2]).toMatch(/,2\.6,completed in 2\.6 s$/);
  });

  it('fetches every page of a query up to the total', async () => {
    const data = Array.from({ length: 2500 }, (_, i) => i);
    const calls: number[] = [];
    const all = await fetchAll(async (offset, limit) => {
      calls.push(offset);
      return { total: data.length, rows: data.slice(offset, offset + limit) };
    });
    expect(all).toEqual(data);
    expect(calls).toEqual([0, 1000, 2000]);
  });
});

import { describe, expect, it } from 'vitest';
import { buildTimeline, tickOf, TimelineCursor } from './timeline';
import type { StoryEvent } from './types';

const events: StoryEvent[] = [
  { type: 'caption', at: 300 },
  { type: 'loadSpike', at: 100, targetId: 'cluster-a', factor: 2, durationSec: 200 },
  { type: 'hostFailure', at: 100, hostId: 'host-a1' },
  { type: 'maintenance', at: 0, hostId: 'host-a2', durationSec: 50 },
];

describe('storyline timeline', () => {
  it('orders steps by time, then event index, start before end, with follow-ups', () => {
    // spike ends at 100 + 200 = 300 (index 1) and sorts after the caption at 300 (index 0).
    expect(buildTimeline(events)).toEqual([
      { at: 0, index: 3, phase: 'start' },
      { at: 50, index: 3, phase: 'end' },
      { at: 100, index: 1, phase: 'start' },
      { at: 100, index: 2, phase: 'start' },
      { at: 300, index: 0, phase: 'start' },
      { at: 300, index: 1, phase: 'end' },
    ]);
  });

  it('hands out due steps exactly once and knows the next event', () => {
    const c = new TimelineCursor({ events });
    expect(c.due(0).map((s) => s.index)).toEqual([3]);
    expect(c.due(0)).toEqual([]);
    // from t=40 the next *event* start is at 100 (the maintenance end at 50 is a follow-up).
    expect(c.nextEventAt(40)).toBe(100);
    expect(c.nextAt()).toBe(50);
    expect(c.due(120).map((s) => `${s.index}:${s.phase}`)).toEqual(['3:end', '1:start', '2:start']);
    expect(c.finished).toBe(false);
    expect(c.due(1000)).toHaveLength(2);
    expect(c.finished).toBe(true);
    expect(c.nextEventAt(1000)).toBeNull();
  });

  it('maps a time to the first tick boundary at or after it', () => {
    expect(tickOf(0, 20)).toBe(0);
    expect(tickOf(100, 20)).toBe(5);
    expect(tickOf(110, 20)).toBe(6);
  });
});

import { describe, expect, it } from 'vitest';
import { loadLab, loadStoryline } from './load';
import { builtinLab, builtinStoryline } from './builtin';

const story = () =>
  JSON.parse(JSON.stringify(builtinStoryline('host-failure'))) as Record<string, unknown> & {
    events: Record<string, unknown>[];
  };
const lab = () =>
  JSON.parse(JSON.stringify(builtinLab('lab-ha'))) as Record<string, unknown> & {
    drills: Record<string, unknown>[];
    checks: Record<string, unknown>[];
  };

function message(r: { ok: boolean; error?: { message: string; code: string } }): string {
  expect(r.ok).toBe(false);
  expect(r.error?.code).toBe('INVALID_ARGUMENT');
  return r.error?.message ?? '';
}

describe('loading storyline files', () => {
  it('accepts a built-in storyline as JSON', () => {
    expect(loadStoryline(story()).ok).toBe(true);
  });

  it('names the entry with an unknown event type and lists the known ones', () => {
    const s = story();
    s.events[2] = { type: 'meteorStrike', at: 10 };
    const m = message(loadStoryline(s, 'show.json'));
    expect(m).toContain('storyline "host-failure" cannot start');
    expect(m).toContain('events[2]: unknown event type "meteorStrike"');
    expect(m).toContain('hostFailure');
    expect(m).toContain('Nothing was started');
  });

  it('names entries whose time is out of range', () => {
    const s = story();
    s.events[1]!.at = 99_999;
    const neg = story();
    neg.events[0]!.at = -5;
    expect(message(loadStoryline(s))).toContain(
      'events[1] (hostFailure at 99999 s): the time is after the end (2400 s)',
    );
    expect(message(loadStoryline(neg))).toContain('events[0].at');
  });

  it('names entries that refer to objects the scenario does not have', () => {
    const s = story();
    s.events[1]!.hostId = 'host-ha-99';
    (s.events[3]!.command as Record<string, unknown>).clusterId = 'cluster-nope';
    const m = message(loadStoryline(s));
    expect(m).toContain('events[1] (hostFailure at 300 s): hostId "host-ha-99" does not exist');
    expect(m).toContain('events[3] (command at 900 s): command.clusterId "cluster-nope" does not exist');
  });

  it('rejects other versions, unknown built-in scenarios and malformed fields by name', () => {
    expect(message(loadStoryline({ ...story(), version: 2 }, 'old.json'))).toContain(
      'version 2 is not supported',
    );
    expect(message(loadStoryline({ ...story(), scenario: { builtin: 'mars-base' } }))).toContain(
      'no built-in scenario "mars-base"',
    );
    const s = story();
    s.events[1]!.repairAfterSec = 'soon';
    expect(message(loadStoryline(s))).toContain('events[1].repairAfterSec');
    expect(message(loadStoryline([]))).toContain('must be a JSON object');
  });
});

describe('loading lab files', () => {
  it('accepts a built-in lab as JSON', () => {
    expect(loadLab(lab()).ok).toBe(true);
  });

  it('names bad drills, unknown check kinds, missing scopes and unknown metrics', () => {
    const a = lab();
    a.checks.push({ kind: 'vibes', id: 'x', text: { en: 'x' } });
    expect(message(loadLab(a))).toContain('checks[1]: unknown check kind "vibes"');
    const b = lab();
    b.drills[0]!.hostId = 'host-gone';
    b.checks[0]!.withinId = 'cluster-gone';
    b.checks.push({
      kind: 'metric',
      id: 'm',
      text: { en: 'm' },
      entityKind: 'vm',
      metric: 'cpu.magic',
      aggregate: 'max',
      op: '<',
      value: 1,
    });
    const m = message(loadLab(b));
    expect(m).toContain('drills[0] (hostFailure at 600 s): hostId "host-gone" does not exist');
    expect(m).toContain('checks[0] (none-down): withinId "cluster-gone" does not exist');
    expect(m).toContain('checks[1] (m): vm has no metric "cpu.magic"');
    const c = lab();
    c.drills[0]!.at = 5000;
    expect(message(loadLab(c))).toContain(
      'drills[0] (hostFailure at 5000 s): the time is after the end (1800 s)',
    );
  });
});

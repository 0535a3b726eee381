import { describe, expect, it } from 'vitest';
import {
  MAX_NOTIFICATION_BODY_CHARS,
  MAX_NOTIFICATION_INPUT_CHARS,
  MAX_NOTIFICATION_TITLE_CHARS,
  NotificationRateLimiter,
  parseNotifyArgs,
} from './notify-guard';

describe('parseNotifyArgs', () => {
  it('accepts a title and a body', () => {
    expect(parseNotifyArgs(['Host esx-01 down', 'HA restarts 4 VMs'])).toEqual({
      title: 'Host esx-01 down',
      body: 'HA restarts 4 VMs',
    });
    expect(parseNotifyArgs(['  Alarm  ', ''])).toEqual({ title: 'Alarm', body: '' });
  });

  it('cuts long texts to the display limits, ending in an ellipsis', () => {
    const parsed = parseNotifyArgs([
      't'.repeat(MAX_NOTIFICATION_TITLE_CHARS + 30),
      'b'.repeat(MAX_NOTIFICATION_BODY_CHARS + 1),
    ]);
    expect(parsed?.title).toBe(`${'t'.repeat(MAX_NOTIFICATION_TITLE_CHARS - 1)}…`);
    expect(parsed?.body).toHaveLength(MAX_NOTIFICATION_BODY_CHARS);
    expect(parsed?.body.endsWith('b…')).toBe(true);
    const exact = parseNotifyArgs([
      't'.repeat(MAX_NOTIFICATION_TITLE_CHARS),
      'b'.repeat(MAX_NOTIFICATION_BODY_CHARS),
    ]);
    expect(exact).toEqual({
      title: 't'.repeat(MAX_NOTIFICATION_TITLE_CHARS),
      body: 'b'.repeat(MAX_NOTIFICATION_BODY_CHARS),
    });
  });

  it('refuses missing, blank, non-string, absurdly long or extra arguments', () => {
    expect(parseNotifyArgs([])).toBeNull();
    expect(parseNotifyArgs(['only title'])).toBeNull();
    expect(parseNotifyArgs(['   ', 'body'])).toBeNull();
    expect(parseNotifyArgs([42, 'body'])).toBeNull();
    expect(parseNotifyArgs(['title', { html: '<b>' }])).toBeNull();
    expect(parseNotifyArgs(['t'.repeat(MAX_NOTIFICATION_INPUT_CHARS + 1), 'body'])).toBeNull();
    expect(parseNotifyArgs(['title', 'b'.repeat(MAX_NOTIFICATION_INPUT_CHARS + 1)])).toBeNull();
    expect(parseNotifyArgs(['title', 'body', 'extra'])).toBeNull();
  });
});

describe('NotificationRateLimiter', () => {
  it('allows 3 per 10 s window, then again once the oldest leaves the window', () => {
    let nowMs = 1_000;
    const limiter = new NotificationRateLimiter(() => nowMs, 3, 10_000);
    // t = 1 s, 2 s, 3 s: allowed; 4 s: the fourth in the window is dropped.
    expect(limiter.allow()).toBe(true);
    nowMs = 2_000;
    expect(limiter.allow()).toBe(true);
    nowMs = 3_000;
    expect(limiter.allow()).toBe(true);
    nowMs = 4_000;
    expect(limiter.allow()).toBe(false);
    // t = 10.999 s: the 1 s one is still inside (1 s > 10.999 s − 10 s = 0.999 s).
    nowMs = 10_999;
    expect(limiter.allow()).toBe(false);
    // t = 11 s: the 1 s one has left the window (1 s ≤ 11 s − 10 s), one slot frees.
    nowMs = 11_000;
    expect(limiter.allow()).toBe(true);
    expect(limiter.allow()).toBe(false);
  });

  it('does not count dropped requests against later ones', () => {
    let nowMs = 0;
    const limiter = new NotificationRateLimiter(() => nowMs, 1, 1_000);
    expect(limiter.allow()).toBe(true);
    for (let i = 0; i < 50; i += 1) expect(limiter.allow()).toBe(false);
    nowMs = 1_000;
    expect(limiter.allow()).toBe(true);
  });
});

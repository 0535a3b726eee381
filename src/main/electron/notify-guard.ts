/**
 * Validation and rate limiting for desktop notifications requested by the renderer (window.vdc.notify).
 * Pure: the caller injects the clock, so tests need no timers.
 */
import { z } from 'zod';

export const MAX_NOTIFICATION_TITLE_CHARS = 120;
export const MAX_NOTIFICATION_BODY_CHARS = 500;
/** At most this many notifications in any window of NOTIFICATION_WINDOW_MS; extra ones are dropped. */
export const MAX_NOTIFICATIONS_PER_WINDOW = 5;
export const NOTIFICATION_WINDOW_MS = 30_000;

/** Longer strings than this are refused outright (not a notification); shorter ones are cut to the limits. */
export const MAX_NOTIFICATION_INPUT_CHARS = 10_000;

const NotifyArgsSchema = z.tuple([
  z.string().trim().min(1).max(MAX_NOTIFICATION_INPUT_CHARS),
  z.string().max(MAX_NOTIFICATION_INPUT_CHARS),
]);

function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

/**
 * Parses the IPC arguments `(title, body)`: null unless they are exactly two strings with a non-blank title;
 * long texts are cut to MAX_NOTIFICATION_TITLE_CHARS / MAX_NOTIFICATION_BODY_CHARS (ending in "…").
 */
export function parseNotifyArgs(args: readonly unknown[]): { title: string; body: string } | null {
  const parsed = NotifyArgsSchema.safeParse(args);
  if (!parsed.success) return null;
  const [title, body] = parsed.data;
  return {
    title: truncate(title, MAX_NOTIFICATION_TITLE_CHARS),
    body: truncate(body, MAX_NOTIFICATION_BODY_CHARS),
  };
}

/** Sliding-window limiter: allow() answers whether one more notification may be shown now. */
export class NotificationRateLimiter {
  private readonly shownAtMs: number[] = [];

  constructor(
    private readonly now: () => number,
    private readonly maxPerWindow = MAX_NOTIFICATIONS_PER_WINDOW,
    private readonly windowMs = NOTIFICATION_WINDOW_MS,
  ) {}

  allow(): boolean {
    const nowMs = this.now();
    while (this.shownAtMs.length > 0 && (this.shownAtMs[0] ?? 0) <= nowMs - this.windowMs)
      this.shownAtMs.shift();
    if (this.shownAtMs.length >= this.maxPerWindow) return false;
    this.shownAtMs.push(nowMs);
    return true;
  }
}

/**
 * Remembered window size, position and maximized flag, kept as JSON in the userData folder.
 * Pure of electron (tests load it under plain Node): the caller passes the displays' work areas.
 * A corrupt, foreign or off-screen file is ignored and the window opens at the default size.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const WINDOW_STATE_FILE = 'window-state.json';

const Coordinate = z.number().int().min(-100_000).max(100_000);
export const WindowStateSchema = z.object({
  version: z.literal(1),
  x: Coordinate,
  y: Coordinate,
  widthPx: z.number().int().min(400).max(20_000),
  heightPx: z.number().int().min(300).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How much of the window must lie on some display for the saved position to be reused. */
export const MIN_VISIBLE_WIDTH_PX = 100;
export const MIN_VISIBLE_HEIGHT_PX = 50;

export const DEFAULT_WIDTH_PX = 1440;
export const DEFAULT_HEIGHT_PX = 900;

/** Reads and validates the file; null when it is missing, unreadable, not JSON or not a valid state. */
export function loadWindowState(file: string): WindowState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = WindowStateSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Writes the state atomically (temp file + rename) so a crash never leaves half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  const valid = WindowStateSchema.parse(state);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(valid, null, 2)}\n`, 'utf8');
  renameSync(temp, file);
}

/** Builds a state from the window's normal (un-maximized) bounds, rounding to whole pixels. */
export function windowStateFromBounds(normalBounds: Rect, maximized: boolean): WindowState {
  return {
    version: 1,
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    widthPx: Math.max(400, Math.round(normalBounds.width)),
    heightPx: Math.max(300, Math.round(normalBounds.height)),
    maximized,
  };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** True when at least MIN_VISIBLE_WIDTH_PX × MIN_VISIBLE_HEIGHT_PX of `rect` lies on one work area. */
export function isVisibleOnSomeDisplay(rect: Rect, workAreas: readonly Rect[]): boolean {
  return workAreas.some((area) => {
    const o = overlap(rect, area);
    return o.width >= MIN_VISIBLE_WIDTH_PX && o.height >= MIN_VISIBLE_HEIGHT_PX;
  });
}

export interface InitialWindowBounds {
  /** Absent: let the OS center the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/**
 * Chooses the bounds for a new window. The saved state is used when it is still visible on a display
 * (its size capped to the largest work area); otherwise the default size, capped to the primary work area
 * (the first entry), centered by the OS.
 */
export function initialWindowBounds(
  saved: WindowState | null,
  workAreas: readonly Rect[],
): InitialWindowBounds {
  const primary = workAreas[0];
  if (saved) {
    const rect = { x: saved.x, y: saved.y, width: saved.widthPx, height: saved.heightPx };
    if (isVisibleOnSomeDisplay(rect, workAreas)) {
      const maxWidth = Math.max(...workAreas.map((a) => a.width));
      const maxHeight = Math.max(...workAreas.map((a) => a.height));
      return {
        x: saved.x,
        y: saved.y,
        width: Math.min(saved.widthPx, maxWidth),
        height: Math.min(saved.heightPx, maxHeight),
        maximized: saved.maximized,
      };
    }
  }
  return {
    width: primary ? Math.min(DEFAULT_WIDTH_PX, primary.width) : DEFAULT_WIDTH_PX,
    height: primary ? Math.min(DEFAULT_HEIGHT_PX, primary.height) : DEFAULT_HEIGHT_PX,
    maximized: saved?.maximized ?? false,
  };
}

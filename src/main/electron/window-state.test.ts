import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_HEIGHT_PX,
  DEFAULT_WIDTH_PX,
  initialWindowBounds,
  isVisibleOnSomeDisplay,
  loadWindowState,
  saveWindowState,
  windowStateFromBounds,
  type Rect,
  type WindowState,
} from './window-state';

const fullHd: Rect = { x: 0, y: 0, width: 1920, height: 1040 }; // 1080 minus a 40 px task bar
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const saved = (over: Partial<WindowState> = {}): WindowState => ({
  version: 1,
  x: 100,
  y: 80,
  widthPx: 1280,
  heightPx: 800,
  maximized: false,
  ...over,
});

describe('window state file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vdc-window-state-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips a saved state through the JSON file (creating the folder)', () => {
    const file = join(dir, 'nested', 'window-state.json');
    saveWindowState(file, saved({ maximized: true }));
    expect(loadWindowState(file)).toEqual(saved({ maximized: true }));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, widthPx: 1280 });
  });

  it('ignores a missing file', () => {
    expect(loadWindowState(join(dir, 'absent.json'))).toBeNull();
  });

  it('ignores a corrupt or truncated file', () => {
    const file = join(dir, 'window-state.json');
    writeFileSync(file, '{"version":1,"x":10,"y":');
    expect(loadWindowState(file)).toBeNull();
    writeFileSync(file, '\u0000\u0001garbage');
    expect(loadWindowState(file)).toBeNull();
  });

  it('ignores JSON that is not a valid state: wrong version, types, fractions, absurd sizes', () => {
    const file = join(dir, 'window-state.json');
    const bad: unknown[] = [
      null,
      [],
      { ...saved(), version: 2 },
      { ...saved(), x: '100' },
      { ...saved(), widthPx: 1280.5 },
      { ...saved(), widthPx: 50 },
      { ...saved(), heightPx: 1e9 },
      { ...saved(), maximized: 'yes' },
      { x: 1, y: 2 },
    ];
    for (const value of bad) {
      writeFileSync(file, JSON.stringify(value));
      expect(loadWindowState(file), JSON.stringify(value)).toBeNull();
    }
  });

  it('refuses to write an invalid state', () => {
    expect(() => saveWindowState(join(dir, 'w.json'), { ...saved(), widthPx: 10 })).toThrow();
  });

  it('builds a state from fractional bounds (HiDPI) by rounding, never below the minimum size', () => {
    expect(windowStateFromBounds({ x: 10.4, y: 20.6, width: 1000.5, height: 700.49 }, false)).toEqual({
      version: 1,
      x: 10,
      y: 21,
      widthPx: 1001,
      heightPx: 700,
      maximized: false,
    });
    expect(windowStateFromBounds({ x: 0, y: 0, width: 200, height: 100 }, true)).toMatchObject({
      widthPx: 400,
      heightPx: 300,
      maximized: true,
    });
  });
});

describe('visibility on displays', () => {
  it('needs a 100 × 50 px overlap with one work area', () => {
    // 100 px of the window's width on screen (x from 1820 to 1920), full height: visible.
    expect(isVisibleOnSomeDisplay({ x: 1820, y: 100, width: 800, height: 600 }, [fullHd])).toBe(true);
    // 99 px: not enough.
    expect(isVisibleOnSomeDisplay({ x: 1821, y: 100, width: 800, height: 600 }, [fullHd])).toBe(false);
    // 50 px at the bottom (y from 990 to 1040): visible; 49 px: not.
    expect(isVisibleOnSomeDisplay({ x: 100, y: 990, width: 800, height: 600 }, [fullHd])).toBe(true);
    expect(isVisibleOnSomeDisplay({ x: 100, y: 991, width: 800, height: 600 }, [fullHd])).toBe(false);
  });

  it('finds a window on a second monitor, and loses it when that monitor is unplugged', () => {
    const onRight: Rect = { x: 2200, y: 200, width: 1200, height: 800 };
    expect(isVisibleOnSomeDisplay(onRight, [fullHd, rightMonitor])).toBe(true);
    expect(isVisibleOnSomeDisplay(onRight, [fullHd])).toBe(false);
  });
});

describe('initial window bounds', () => {
  it('reuses a saved position that is on screen', () => {
    expect(initialWindowBounds(saved(), [fullHd])).toEqual({
      x: 100,
      y: 80,
      width: 1280,
      height: 800,
      maximized: false,
    });
  });

  it('falls back to the centered default size when the saved position is off screen, keeping maximized', () => {
    expect(initialWindowBounds(saved({ x: 5000, y: 3000, maximized: true }), [fullHd])).toEqual({
      width: DEFAULT_WIDTH_PX,
      height: DEFAULT_HEIGHT_PX,
      maximized: true,
    });
  });

  it('uses the default without a saved state, capped to a small primary display', () => {
    expect(initialWindowBounds(null, [fullHd])).toEqual({ width: 1440, height: 900, maximized: false });
    expect(initialWindowBounds(null, [{ x: 0, y: 0, width: 1280, height: 720 }])).toEqual({
      width: 1280,
      height: 720,
      maximized: false,
    });
    expect(initialWindowBounds(null, [])).toEqual({
      width: DEFAULT_WIDTH_PX,
      height: DEFAULT_HEIGHT_PX,
      maximized: false,
    });
  });

  it('caps a saved size larger than every display to the largest work area', () => {
    const huge = saved({ x: 0, y: 0, widthPx: 5000, heightPx: 3000 });
    expect(initialWindowBounds(huge, [fullHd, rightMonitor])).toEqual({
      x: 0,
      y: 0,
      width: 2560,
      height: 1400,
      maximized: false,
    });
  });
});

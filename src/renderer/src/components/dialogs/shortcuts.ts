/** Keyboard shortcuts listed in Help (handled in views/useShortcuts.ts). */
export const SHORTCUTS = [
  { id: 'search', keys: '/' },
  { id: 'help', keys: '?' },
  { id: 'playPause', keys: 'Shift+Space' },
  { id: 'step', keys: 'Shift+→' },
  { id: 'tree', keys: '↑ ↓ ← →' },
  { id: 'menu', keys: 'Shift+F10' },
  { id: 'delete', keys: 'Delete' },
  { id: 'escape', keys: 'Esc' },
] as const;

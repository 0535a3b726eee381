/** Global keyboard shortcuts (see components/dialogs/shortcuts.ts). Ignored while typing in a field. */
import { onBeforeUnmount, onMounted } from 'vue';
import { useClockStore } from '@renderer/stores/clock';
import { useUiStore } from '@renderer/stores/ui';
import { useInventoryStore } from '@renderer/stores/inventory';

function typing(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

export function useShortcuts(): void {
  const clock = useClockStore();
  const ui = useUiStore();
  const inv = useInventoryStore();

  function onKey(e: KeyboardEvent): void {
    if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '/') {
      e.preventDefault();
      ui.focusSearch();
    } else if (e.key === '?') {
      e.preventDefault();
      ui.open('help');
    } else if (e.key === ' ' && e.shiftKey) {
      e.preventDefault();
      void (clock.running ? clock.pause() : clock.play());
    } else if (e.key === 'ArrowRight' && e.shiftKey) {
      e.preventDefault();
      void clock.step(1);
    } else if (e.key === 'Delete' && ui.dialog === null) {
      const n = inv.selected;
      if (n && (n.kind === 'vm' || n.kind === 'container' || n.kind === 'service')) ui.open('delete', [n.id]);
    }
  }
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}

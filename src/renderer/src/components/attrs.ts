/** Typed escape hatch for data-* attributes (test ids) that Vue's HTMLAttributes type does not list. */
import type { HTMLAttributes } from 'vue';

export function attrs(a: Record<string, unknown>): HTMLAttributes {
  return a as HTMLAttributes;
}

export function tid(id: string, extra: Record<string, unknown> = {}): HTMLAttributes {
  return attrs({ 'data-testid': id, ...extra });
}

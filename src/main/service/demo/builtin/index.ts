/** Catalogue of the built-in storylines and labs (fresh copies on every call). */
import type { Lab } from '../../../engine/labs';
import type { Storyline } from '../../../engine/storyline';
import { BUILTIN_LABS } from './labs';
import { BUILTIN_STORYLINES } from './storylines';

export function builtinStorylines(): Storyline[] {
  return BUILTIN_STORYLINES.map((f) => f());
}

export function builtinStoryline(id: string): Storyline | undefined {
  return builtinStorylines().find((s) => s.id === id);
}

export function builtinLabs(): Lab[] {
  return BUILTIN_LABS.map((f) => f()).sort((a, b) => a.order - b.order);
}

export function builtinLab(id: string): Lab | undefined {
  return builtinLabs().find((l) => l.id === id);
}

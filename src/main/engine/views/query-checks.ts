/** Small integer checks for read queries (explainPlacement). */
import { intIn } from '../commands/validate';

export function commandsIntProblems(fields: Record<string, [unknown, number, number]>): string[] {
  const out: string[] = [];
  for (const [name, [v, min, max]] of Object.entries(fields)) {
    const p = intIn(name, v, min, max);
    if (p) out.push(p);
  }
  return out;
}

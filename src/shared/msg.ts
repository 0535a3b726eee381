/** Message codes at the API boundary (events, tasks, scheduling texts, typed errors). */
import { z } from 'zod';

/**
 * A message as a code with parameters (the engine's and the service's texts, for the console's languages):
 * the console renders `msg.<code>` from its message files and falls back to the record's stored text.
 */
export interface MsgView {
  code: string;
  params: Record<string, string | number | MsgView>;
}
export const MsgSchema: z.ZodType<MsgView> = z.lazy(() =>
  z.object({
    code: z.string().min(1).max(100),
    params: z.record(z.string(), z.union([z.string(), z.number(), MsgSchema])),
  }),
);

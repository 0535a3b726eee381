/**
 * PLACEHOLDER until the engine helper writes the real discriminated union of engine commands.
 * Imports only zod.
 */
import { z } from 'zod';

export const CommandSchema = z.looseObject({ type: z.string().min(1).max(100) });
export type CommandInput = z.infer<typeof CommandSchema>;

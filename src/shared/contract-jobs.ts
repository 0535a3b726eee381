/**
 * Long operations (recording.verify, whatif.create, whatif.run, import.apply, …) run as jobs: in slices
 * of about 20 ms of work with the event loop free in between, so ticks, pushes and other requests keep
 * flowing (no request blocks the service for more than ~100 ms). The call that started a job answers when
 * it ends; meanwhile `jobs.list` and the `jobs` push show its progress and `jobs.cancel` stops it (the
 * call then answers CONFLICT, "cancelled"). Merged into ./contract.ts.
 */
import { z } from 'zod';

export const JobStatusSchema = z.enum(['running', 'done', 'failed', 'cancelled']);

export const JobViewSchema = z.object({
  id: z.string(),
  /** The method that started it, e.g. "recording.verify". */
  kind: z.string(),
  status: JobStatusSchema,
  /** 0..1 */
  progress: z.number(),
  /** What it is doing now, for a progress bar's caption. */
  label: z.string(),
});
export type JobView = z.infer<typeof JobViewSchema>;

export const jobsContract = {
  /** Jobs running now and those finished in the last minute. */
  'jobs.list': { params: z.object({}).strict(), result: z.array(JobViewSchema) },
  /** Stops a running job at its next slice; answers the job, or null when there is no such job. */
  'jobs.cancel': {
    params: z.object({ id: z.string().min(1).max(100) }).strict(),
    result: JobViewSchema.nullable(),
  },
} as const;

/** The `jobs` push: every running or just finished job, at most 4 times a second while any runs. */
export const jobsPushContract = { jobs: z.array(JobViewSchema) } as const;

import { z } from 'zod';
import type { Runbook, RunbookLibraryView, RunDetail, RunSummary, ScheduleView, MaintenanceWindowView } from '../../types/runbooks';
import { method, noPayload } from './method';

export const runbookIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, 'a runbook id is kebab-case, 3–64 characters');
const runIdSchema = z.number().int().positive();

export const runbookMethods = {
  // Runbooks: the UI names a runbook (and the hash of the text it showed), a run, a step and a
  // verb. It never sends command text: what runs is the loaded file's text, pinned by hash.
  'runbooks.list': method<RunbookLibraryView>()(noPayload),
  'runbooks.get': method<Runbook>()(z.object({ id: runbookIdSchema }).strict()),
  'runbooks.start': method<RunDetail>()(
    z
      .object({
        id: runbookIdSchema,
        /** sha256 of the file as shown; the run refuses if the file changed since. */
        hash: z.string().regex(/^[0-9a-f]{64}$/),
        params: z.record(z.string().max(64), z.string().max(1_024)).default({}),
        /** guided: waits for the operator before each step; auto: runs through, stops at a failure. */
        mode: z.enum(['guided', 'auto']).default('guided'),
      })
      .strict()
      .refine((p) => Object.keys(p.params).length <= 64, { message: 'at most 64 params' }),
  ),
  'runbooks.step': method<RunDetail>()(
    z
      .object({
        runId: runIdSchema,
        /** The step the UI shows: a command for another step (a stale page) is refused. */
        stepIndex: z.number().int().min(0).max(10_000),
        command: z.enum(['run', 'skip', 'retry', 'confirm', 'follow-failure']),
        note: z.string().max(2_000).optional(),
      })
      .strict(),
  ),
  'runbooks.cancel': method<RunDetail>()(z.object({ runId: runIdSchema }).strict()),
  /** Resumes an interrupted run from its current step (refused if the file changed). */
  'runbooks.resume': method<RunDetail>()(z.object({ runId: runIdSchema }).strict()),
  'runbooks.run': method<RunDetail>()(z.object({ runId: runIdSchema }).strict()),
  'runbooks.runs': method<RunSummary[]>()(
    z
      .object({
        limit: z.number().int().min(1).max(500).default(50),
        runbookId: runbookIdSchema.optional(),
        beforeId: runIdSchema.optional(),
      })
      .strict(),
  ),
  'runbooks.schedules': method<{ schedules: ScheduleView[]; maintenance: MaintenanceWindowView }>()(noPayload),
} as const;

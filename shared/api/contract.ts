import { z } from 'zod';
import { settingsPatchSchema, type SettingsView } from '../config/settingsSchema';
import type { DockerSnapshot } from '../types/docker';
import type { OpsEvent } from '../types/events';
import type { HistoryResult } from '../types/history';
import type { Runbook, RunbookLibraryView, RunDetail, RunSummary, ScheduleView, MaintenanceWindowView } from '../types/runbooks';
import type { StatusSnapshot } from '../types/status';
import { API_METHOD_NAMES, type ApiMethodName } from './methodNames';

/**
 * The one API between UI and core. Each method has a payload schema (checked at the
 * boundary, for IPC and HTTP alike) and a result type. Adding a call is adding a line here
 * and a handler in the core's handler table; the type checker finds the rest.
 */
function method<Result>() {
  return <Schema extends z.ZodType>(payload: Schema) => ({ payload, result: undefined as unknown as Result });
}

const noPayload = z.object({}).strict();

/** Series names are short dotted identifiers with an optional `:subject` part (e.g. `disk.usedPercent:/`). */
export const seriesNameSchema = z.string().min(1).max(512);

export const runbookIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/, 'a runbook id is kebab-case, 3–64 characters');
const runIdSchema = z.number().int().positive();

export const apiContract = {
  'status.get': method<StatusSnapshot>()(noPayload),
  'docker.stacks': method<DockerSnapshot>()(noPayload),
  'history.query': method<HistoryResult>()(
    z
      .object({
        series: seriesNameSchema,
        from: z.number().int().nonnegative(),
        to: z.number().int().nonnegative(),
        /** Upper bound on points returned; the store picks raw, 1-minute or hourly rows to fit. */
        maxPoints: z.number().int().min(2).max(5_000).default(300),
      })
      .strict()
      .refine((p) => p.to >= p.from, { message: '`to` must not be before `from`' }),
  ),
  'history.series': method<string[]>()(z.object({ prefix: z.string().max(512).default('') }).strict()),
  'events.list': method<OpsEvent[]>()(
    z
      .object({
        limit: z.number().int().min(1).max(1_000).default(100),
        /** Only events with an id below this one (paging backwards). */
        beforeId: z.number().int().positive().optional(),
        /** Only events about this subject (container name, mount…). */
        subject: z.string().max(512).optional(),
      })
      .strict(),
  ),
  'settings.get': method<SettingsView>()(noPayload),
  'settings.update': method<SettingsView>()(settingsPatchSchema),

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

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export const API_METHODS: readonly ApiMethod[] = API_METHOD_NAMES;

// Compile-time proof that the zod-free name list and the contract name the same methods.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _namesMatchContract: Same<ApiMethod, ApiMethodName> = true;
void _namesMatchContract;

/** What a caller passes (defaults may be left out). */
export type ApiPayload<M extends ApiMethod> = z.input<ApiContract[M]['payload']>;
/** What a handler receives (defaults filled in, validated). */
export type ApiParsedPayload<M extends ApiMethod> = z.output<ApiContract[M]['payload']>;
export type ApiResult<M extends ApiMethod> = ApiContract[M]['result'];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiContract, name);
}

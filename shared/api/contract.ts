import { z } from 'zod';
import { settingsPatchSchema, type SettingsView } from '../config/settingsSchema';
import type { DockerSnapshot } from '../types/docker';
import type { OpsEvent } from '../types/events';
import type { HistoryResult } from '../types/history';
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

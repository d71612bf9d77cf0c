import { z } from 'zod';
import type { OpsEvent } from '../../types/events';
import type { HistoryResult } from '../../types/history';
import { method } from './method';

/** Series names are short dotted identifiers with an optional `:subject` part (e.g. `disk.usedPercent:/`). */
export const seriesNameSchema = z.string().min(1).max(512);

export const historyMethods = {
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
} as const;

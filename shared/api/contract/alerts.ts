import { z } from 'zod';
import type { AlertsSnapshot, Silence } from '../../types/alerts';
import { method, noPayload } from './method';

/** An alert kind as rules and silences name it: `disk.free`, `container.restart_loop`. */
export const alertKindSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/, 'An alert kind is dotted lower-case words, e.g. disk.free');

export const alertMethods = {
  /** Pending, firing and recently resolved alerts, worst first (the tray's colour is `worstFiring`). */
  'alerts.list': method<AlertsSnapshot>()(noPayload),
  'silences.list': method<Silence[]>()(noPayload),
  /** Holds back notifications of a kind (one subject, or all) below critical until `until` (epoch ms) or for `forMs`. */
  'silences.add': method<Silence>()(
    z
      .object({
        kind: alertKindSchema,
        subject: z.string().min(1).max(1024).optional(),
        forMs: z.number().int().min(60_000).max(90 * 24 * 3_600_000),
        reason: z.string().max(1000).default(''),
      })
      .strict(),
  ),
  'silences.remove': method<{ removed: boolean }>()(z.object({ id: z.number().int().positive() }).strict()),
} as const;

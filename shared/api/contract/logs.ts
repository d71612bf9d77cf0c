import { z } from 'zod';
import type { LogSession } from '../../types/logs';
import { containerRefSchema } from './actions';
import { method } from './method';

export const logSessionIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'A log session id is letters, digits, dashes and underscores');

export const logMethods = {
  /**
   * Opens a container's log: the last `tail` lines now; with `follow`, the lines after them as live
   * `log` messages until `logs.close`, the container's end, or the session expiring (no
   * `logs.keepAlive` for a minute). Bounded: lines over the rate the view can take are counted, not kept.
   */
  'logs.open': method<LogSession>()(
    z
      .object({
        container: containerRefSchema,
        tail: z.number().int().min(0).max(5_000).default(500),
        follow: z.boolean().default(true),
      })
      .strict(),
  ),
  /** Keeps a following session open (the view sends it while it is shown). */
  'logs.keepAlive': method<{ open: boolean }>()(z.object({ sessionId: logSessionIdSchema }).strict()),
  /** Stops following: the Engine API stream is closed. */
  'logs.close': method<{ closed: boolean }>()(z.object({ sessionId: logSessionIdSchema }).strict()),
} as const;

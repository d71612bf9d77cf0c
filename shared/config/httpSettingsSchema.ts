import { z } from 'zod';

/** A check's name: it keys the alert subject and the latency series (`http.latencyMs:<name>`). */
export const httpCheckNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'A check name is letters, digits, spaces, dots, dashes and underscores');

export const httpCheckSchema = z
  .object({
    name: httpCheckNameSchema,
    /** http:// or https:// only. */
    url: z
      .string()
      .max(2048)
      .refine((value) => {
        try {
          const url = new URL(value);
          return url.protocol === 'http:' || url.protocol === 'https:';
        } catch {
          return false;
        }
      }, 'A check URL is an http:// or https:// URL'),
    expectStatus: z.number().int().min(100).max(599).default(200),
    /** The body must contain this text (case-sensitive); unset: any body. */
    expectBody: z.string().min(1).max(1024).optional(),
    timeoutMs: z.number().int().min(100).max(120_000).default(5_000),
    intervalMs: z.number().int().min(1_000).max(24 * 3_600_000).default(30_000),
    /** Failures in a row before the check is down and alert `http.down` fires. */
    failuresBeforeAlert: z.number().int().min(1).max(100).default(3),
  })
  .strict();

export type HttpCheckSettings = z.output<typeof httpCheckSchema>;

/** HTTP health checks (the `http` monitor module). */
export const httpSchema = z
  .object({
    enabled: z.boolean().default(true),
    checks: z
      .array(httpCheckSchema)
      .max(200)
      .default([])
      .refine((checks) => new Set(checks.map((c) => c.name)).size === checks.length, 'Each check needs its own name'),
  })
  .strict();

/** The desktop app itself: start at login, the first-run welcome. */
export const appSchema = z
  .object({
    /** Start Opsbar when the operator logs in (macOS login item, Linux XDG autostart). Off by default; asked on the first run. */
    startAtLogin: z.boolean().default(false),
  })
  .strict();

import { z } from 'zod';
import { ALERT_SEVERITIES } from '../types/alerts';
import { durationSchema } from './durationSchema';
import { WEBHOOK_NAME_MESSAGE, WEBHOOK_NAME_PATTERN } from './webhookName';

/**
 * One alert kind's rule. Unset fields take the built-in default of that kind
 * (electron/core/alerts/defaultRules.ts), then the generic one.
 */
export const alertRuleSchema = z
  .object({
    enabled: z.boolean().optional(),
    /** Replaces the severity the condition would have (its thresholds) with this one. */
    severity: z.enum(ALERT_SEVERITIES).optional(),
    /** How long the condition must hold before the alert fires (pending until then). */
    for: durationSchema.optional(),
    /** How long the condition must stay clear before a firing alert resolves. */
    clearFor: durationSchema.optional(),
    /** Points a threshold must be crossed back by before the alert clears (disk free back above warning + 2). */
    clearMargin: z.number().min(0).max(100).optional(),
    /** A critical alert still firing after this long becomes an emergency. */
    emergencyAfter: durationSchema.optional(),
  })
  .strict();

export const alertsSchema = z
  .object({
    /** Per alert kind (`disk.free`, `gpu.memory`, `container.restart_loop`, `model.down`, `http.down`…). */
    rules: z.record(z.string().min(1).max(128), alertRuleSchema).default({}),
    /** Five or more transitions within the window → one "flapping" notice, quiet until stable as long. */
    flapping: z
      .object({
        transitions: z.number().int().min(2).max(1000).default(5),
        window: durationSchema.prefault(600),
        stableFor: durationSchema.prefault(600),
      })
      .strict()
      .prefault({}),
    /** Restarts within the window that make a restart loop (not Docker's lifetime RestartCount). */
    restartLoop: z
      .object({
        restarts: z.number().int().min(2).max(1000).default(3),
        window: durationSchema.prefault(600),
      })
      .strict()
      .prefault({}),
    /** An alert of the same group (stack, GPU, endpoint, disk) within this long joins the open incident. */
    incidentJoinWindow: durationSchema.prefault(600),
  })
  .strict();

const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time of day is HH:MM, e.g. 22:00');

export const webhookSchema = z
  .object({
    /** Shown in the UI and the audit (`webhook:<name>`). */
    name: z.string().trim().min(1).max(64).regex(WEBHOOK_NAME_PATTERN, WEBHOOK_NAME_MESSAGE),
    /** `json`: a generic JSON POST; `ntfy`: an ntfy topic URL; `slack`: a Slack-compatible incoming webhook. */
    kind: z.enum(['json', 'ntfy', 'slack']).default('json'),
    /** The URL (a secret: never logged or shown whole). Or set `urlEnv` to read it from the environment. */
    url: z.string().max(4096).default(''),
    urlEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/).optional(),
    enabled: z.boolean().default(true),
    minSeverity: z.enum(ALERT_SEVERITIES).default('warning'),
  })
  .strict()
  .refine((w) => w.url !== '' || w.urlEnv !== undefined, { message: 'A webhook needs a `url` or a `urlEnv`' });

export const notificationsSchema = z
  .object({
    /** The app's desktop notifications, and the dashboard's browser notifications while it is open. */
    desktop: z.boolean().default(true),
    /** Below this, nothing notifies (the Incidents page still lists it). */
    minSeverity: z.enum(ALERT_SEVERITIES).default('warning'),
    recovery: z.boolean().default(true),
    /** An unacknowledged critical or emergency alert notifies again this often (0: never). */
    repeatCritical: durationSchema.prefault(3600),
    /** During quiet hours (local time) only critical and emergency notify. */
    quietHours: z
      .object({ enabled: z.boolean().default(false), start: clockTimeSchema.default('22:00'), end: clockTimeSchema.default('07:00') })
      .strict()
      .prefault({}),
    webhooks: z.array(webhookSchema).max(32).default([]),
  })
  .strict();

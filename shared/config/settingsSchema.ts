import { z } from 'zod';
import { alertsSchema, notificationsSchema } from './alertsSettingsSchema';
import { emergencySchema } from './emergencySettingsSchema';
import { appSchema, httpSchema } from './httpSettingsSchema';
import { modelsSchema } from './modelsSettingsSchema';

/**
 * Opsbar's settings, one schema per section. Every field is optional in the file;
 * a section that fails validation falls back to its defaults (and the problem is reported),
 * the other sections still apply.
 */
export const monitoringSchema = z
  .object({
    /** How often the system collector samples CPU, memory and disks. */
    systemIntervalMs: z.number().int().min(500).max(3_600_000).default(2_000),
    /** How often the Docker collector lists containers and takes one-shot stats. */
    dockerIntervalMs: z.number().int().min(1_000).max(3_600_000).default(10_000),
    /**
     * One-shot stats requests to the Docker engine at once, when container cgroup files cannot be
     * read (Docker Desktop, a remote engine): at least this many, more when a round would not fit
     * in half an interval (at most 32).
     */
    dockerStatsConcurrency: z.number().int().min(1).max(32).default(4),
  })
  .strict();

export const dockerSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** A unix socket path or a DOCKER_HOST-style URL; empty means autodetect. */
    endpoint: z.string().max(4096).default(''),
  })
  .strict();

export const thresholdsSchema = z
  .object({
    diskFreePercentWarning: z.number().min(0).max(100).default(15),
    diskFreePercentCritical: z.number().min(0).max(100).default(5),
    /** Below this much free space a disk is an emergency: act now. */
    diskFreePercentEmergency: z.number().min(0).max(100).default(2),
    memoryPercentWarning: z.number().min(0).max(100).default(90),
    memoryPercentCritical: z.number().min(0).max(100).default(97),
    /** CPU busy at least this much for `alerts.rules.cpu.high.for` (2 minutes) is a warning (alert `cpu.high`; the status line stays informational). */
    cpuPercentWarning: z.number().min(0).max(100).default(95),
    /** A container restarted this many times since it was created is a warning (restart loops). */
    restartCountWarning: z.number().int().min(1).max(1_000_000).default(3),
  })
  .strict();

export const retentionSchema = z
  .object({
    rawHours: z.number().min(1).max(24 * 365).default(48),
    minuteDays: z.number().min(1).max(3650).default(30),
    hourDays: z.number().min(1).max(36500).default(365),
    eventDays: z.number().min(1).max(36500).default(90),
    /** Audit rows (runbook runs, settings changes, notifications, silences, actions): a year by default. */
    auditDays: z.number().min(1).max(36500).default(365),
    /** Resolved incidents and their timelines. */
    incidentDays: z.number().min(1).max(36500).default(365),
  })
  .strict();

export const diskSchema = z
  .object({
    /** Mount points to ignore (exact paths), on top of pseudo file systems which are always ignored. */
    ignoreMounts: z.array(z.string().max(4096)).max(256).default([]),
  })
  .strict();

const gpuThresholdsSchema = z
  .object({
    memoryPercentWarning: z.number().min(0).max(100).optional(),
    memoryPercentCritical: z.number().min(0).max(100).optional(),
    temperatureWarningC: z.number().min(0).max(200).optional(),
  })
  .strict();

export const gpuSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** nvidia-smi's loop interval (`-lms`): one long-running process samples every GPU this often. */
    intervalMs: z.number().int().min(500).max(3_600_000).default(2_000),
    /** Per-process GPU memory (`--query-compute-apps`), a one-shot call this often. */
    processIntervalMs: z.number().int().min(1_000).max(3_600_000).default(10_000),
    /**
     * While no GPU's memory moved since the last per-process query, rounds are skipped for up to
     * this long: a process that starts, grows or ends moves it. Each query starts nvidia-smi.
     */
    processQuietMs: z.number().int().min(0).max(3_600_000).default(60_000),
    /** Apple Silicon: one `ioreg` call this often. */
    appleIntervalMs: z.number().int().min(1_000).max(3_600_000).default(5_000),
    /** Path of nvidia-smi; empty means look it up on PATH (and the usual driver folders). */
    nvidiaSmiPath: z.string().max(4096).default(''),
    /** Deadline of a one-shot GPU tool call, and of the loop's first line. */
    timeoutMs: z.number().int().min(500).max(120_000).default(5_000),
    memoryPercentWarning: z.number().min(0).max(100).default(90),
    memoryPercentCritical: z.number().min(0).max(100).default(97),
    temperatureWarningC: z.number().min(0).max(200).default(85),
    /** Thresholds for one GPU, keyed by its index ("0") or UUID ("GPU-…"); unset fields use the ones above. */
    perGpu: z.record(z.string().min(1).max(128), gpuThresholdsSchema).default({}),
  })
  .strict();

/**
 * A cron expression's shape (5 or 6 fields, or a node-cron nickname such as `@daily`). Only
 * the shape is checked here (shared/ cannot load node-cron); the core checks each field when
 * it builds the schedule and reports an invalid one.
 */
export const cronShapeSchema = z
  .string()
  .trim()
  .max(200)
  .refine((value) => /^@[a-z]+$/.test(value) || /^\S+(\s+\S+){4,5}$/.test(value), {
    message: 'A cron expression has 5 fields (minute hour day month weekday) or 6 (seconds first)',
  });

const runbookIdSchema = z
  .string()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/, 'A runbook id is kebab-case: lower-case letters, digits and dashes');

export const runbooksSchema = z
  .object({
    /** The operator's runbook folder (`~` allowed); empty means built-in runbooks only. */
    directory: z.string().max(4096).default(''),
    /** Off: no scheduled run starts (front matter or config); runs by hand still work. */
    scheduling: z.boolean().default(true),
    /** Extra schedules, on top of those in the runbooks' front matter. */
    schedules: z
      .array(
        z
          .object({
            runbook: runbookIdSchema,
            cron: cronShapeSchema,
            /** Parameter values (YAML numbers and booleans are read as their text). */
            params: z
              .record(
                z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'A parameter name is upper-case, e.g. STACK'),
                z.union([z.string().max(4096), z.number(), z.boolean()]).transform(String),
              )
              .optional(),
          })
          .strict(),
      )
      .max(256)
      .default([]),
    /** Runbooks whose front-matter schedules are switched off (config schedules still run). */
    disabled: z.array(runbookIdSchema).max(1024).default([]),
    /** A scheduled run missed (asleep, not running) is started late if it was due this recently. */
    catchUpMinutes: z.number().int().min(0).max(7 * 24 * 60).default(120),
    /** While the window is open, non-critical notifications are held back. */
    maintenanceWindow: z
      .object({
        /** When the window opens (local time). */
        cron: cronShapeSchema.default('0 2 * * 0'),
        minutes: z.number().int().min(1).max(7 * 24 * 60).default(180),
        silenceNonCritical: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export const SETTINGS_SECTIONS = {
  monitoring: monitoringSchema,
  docker: dockerSchema,
  thresholds: thresholdsSchema,
  retention: retentionSchema,
  disks: diskSchema,
  runbooks: runbooksSchema,
  gpu: gpuSchema,
  models: modelsSchema,
  alerts: alertsSchema,
  notifications: notificationsSchema,
  emergency: emergencySchema,
  http: httpSchema,
  app: appSchema,
} as const;

export type SettingsSection = keyof typeof SETTINGS_SECTIONS;

export interface Settings {
  monitoring: z.output<typeof monitoringSchema>;
  docker: z.output<typeof dockerSchema>;
  thresholds: z.output<typeof thresholdsSchema>;
  retention: z.output<typeof retentionSchema>;
  disks: z.output<typeof diskSchema>;
  runbooks: z.output<typeof runbooksSchema>;
  gpu: z.output<typeof gpuSchema>;
  models: z.output<typeof modelsSchema>;
  alerts: z.output<typeof alertsSchema>;
  notifications: z.output<typeof notificationsSchema>;
  emergency: z.output<typeof emergencySchema>;
  http: z.output<typeof httpSchema>;
  app: z.output<typeof appSchema>;
}

type WithoutDefault<S> = S extends z.ZodDefault<infer I> ? I : S extends z.ZodPrefault<infer I> ? I : S;

/**
 * A section's patch: every field optional and without its default, so that saving one field
 * does not write the defaults of the others over the operator's values. (A nested object, such
 * as `maintenanceWindow`, is replaced whole.)
 */
function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const inner = (field instanceof z.ZodDefault || field instanceof z.ZodPrefault ? field.unwrap() : field) as z.ZodType;
    shape[key] = inner.optional();
  }
  return z.object(shape).strict() as unknown as z.ZodObject<{ [K in keyof T]: z.ZodOptional<WithoutDefault<T[K]>> }, z.core.$strict>;
}

/** A patch to settings: any section, any subset of its fields. */
export const settingsPatchSchema = z
  .object({
    monitoring: patchOf(monitoringSchema).optional(),
    docker: patchOf(dockerSchema).optional(),
    thresholds: patchOf(thresholdsSchema).optional(),
    retention: patchOf(retentionSchema).optional(),
    disks: patchOf(diskSchema).optional(),
    runbooks: patchOf(runbooksSchema).optional(),
    gpu: patchOf(gpuSchema).optional(),
    models: patchOf(modelsSchema).optional(),
    alerts: patchOf(alertsSchema).optional(),
    notifications: patchOf(notificationsSchema).optional(),
    emergency: patchOf(emergencySchema).optional(),
    http: patchOf(httpSchema).optional(),
    app: patchOf(appSchema).optional(),
  })
  .strict();

export type SettingsPatch = z.input<typeof settingsPatchSchema>;

/** A problem found in the config file: which field, what is wrong. */
export interface ConfigProblem {
  path: string;
  message: string;
}

export interface SettingsView {
  settings: Settings;
  /** Where the settings live, so the operator can edit them by hand. */
  configPath: string;
  problems: ConfigProblem[];
}

export function defaultSettings(): Settings {
  return {
    monitoring: monitoringSchema.parse({}),
    docker: dockerSchema.parse({}),
    thresholds: thresholdsSchema.parse({}),
    retention: retentionSchema.parse({}),
    disks: diskSchema.parse({}),
    runbooks: runbooksSchema.parse({}),
    gpu: gpuSchema.parse({}),
    models: modelsSchema.parse({}),
    alerts: alertsSchema.parse({}),
    notifications: notificationsSchema.parse({}),
    emergency: emergencySchema.parse({}),
    http: httpSchema.parse({}),
    app: appSchema.parse({}),
  };
}

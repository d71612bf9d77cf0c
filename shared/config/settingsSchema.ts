import { z } from 'zod';

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
    /** At most this many one-shot stats requests to the Docker engine at once. */
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
    memoryPercentWarning: z.number().min(0).max(100).default(90),
    memoryPercentCritical: z.number().min(0).max(100).default(97),
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
  })
  .strict();

export const diskSchema = z
  .object({
    /** Mount points to ignore (exact paths), on top of pseudo file systems which are always ignored. */
    ignoreMounts: z.array(z.string().max(4096)).max(256).default([]),
  })
  .strict();

export const SETTINGS_SECTIONS = {
  monitoring: monitoringSchema,
  docker: dockerSchema,
  thresholds: thresholdsSchema,
  retention: retentionSchema,
  disks: diskSchema,
} as const;

export type SettingsSection = keyof typeof SETTINGS_SECTIONS;

export interface Settings {
  monitoring: z.output<typeof monitoringSchema>;
  docker: z.output<typeof dockerSchema>;
  thresholds: z.output<typeof thresholdsSchema>;
  retention: z.output<typeof retentionSchema>;
  disks: z.output<typeof diskSchema>;
}

/** A patch to settings: any section, any subset of its fields. */
export const settingsPatchSchema = z
  .object({
    monitoring: monitoringSchema.partial().optional(),
    docker: dockerSchema.partial().optional(),
    thresholds: thresholdsSchema.partial().optional(),
    retention: retentionSchema.partial().optional(),
    disks: diskSchema.partial().optional(),
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
  };
}

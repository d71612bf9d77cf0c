import { z } from 'zod';
import type { SettingsSchemaView } from '../../../shared/api/contract/settings';
import { SETTINGS_SECTIONS, type SettingsSection } from '../../../shared/config/settingsSchema';
import { GUARDED_SETTINGS } from './settingsChangeGate';

interface SectionText {
  title: string;
  description: string;
  /** Help text per field (the schemas' doc comments are not part of zod's runtime schema). */
  fields: Record<string, string>;
}

const DURATION = 'A duration: seconds, or text such as "90s", "15m", "2h".';

/** Titles, one sentence per section and each field's help, in the order the Settings page shows them. */
const SECTION_TEXT: Record<SettingsSection, SectionText> = {
  monitoring: {
    title: 'Monitoring',
    description: 'How often Opsbar samples the system and the Docker engine.',
    fields: {
      systemIntervalMs: 'How often CPU, memory and disks are sampled, in milliseconds.',
      dockerIntervalMs: 'How often containers are listed and their stats read, in milliseconds.',
      dockerStatsConcurrency: 'One-shot stats requests to the Docker engine at once (when cgroup files cannot be read).',
    },
  },
  docker: {
    title: 'Docker',
    description: 'Which Docker engine Opsbar watches and acts on.',
    fields: {
      enabled: 'Watch Docker containers and stacks.',
      endpoint: 'A unix socket path or a DOCKER_HOST-style URL; empty means autodetect.',
    },
  },
  thresholds: {
    title: 'Thresholds',
    description: 'When the system and containers turn warning, critical or emergency.',
    fields: {
      diskFreePercentWarning: 'A disk with less free space than this is a warning, in percent.',
      diskFreePercentCritical: 'A disk with less free space than this is critical, in percent.',
      diskFreePercentEmergency: 'Below this much free space a disk is an emergency: act now, in percent.',
      memoryPercentWarning: 'Memory used above this is a warning, in percent.',
      memoryPercentCritical: 'Memory used above this is critical, in percent.',
      cpuPercentWarning: 'CPU busy at least this much for two minutes is a warning, in percent.',
      restartCountWarning: 'A container restarted this many times since it was created is a warning.',
    },
  },
  retention: {
    title: 'Retention',
    description: 'How long history, events, audit rows and incidents are kept.',
    fields: {
      rawHours: 'Raw samples are kept this long, in hours.',
      minuteDays: 'Per-minute rollups are kept this long, in days.',
      hourDays: 'Per-hour rollups are kept this long, in days.',
      eventDays: 'Events are kept this long, in days.',
      auditDays: 'Audit rows (runbook runs, settings changes, notifications, actions) are kept this long, in days.',
      incidentDays: 'Resolved incidents and their timelines are kept this long, in days.',
    },
  },
  disks: {
    title: 'Disks',
    description: 'Which mount points Opsbar ignores.',
    fields: { ignoreMounts: 'Mount points to ignore (exact paths), one per line; pseudo file systems are always ignored.' },
  },
  runbooks: {
    title: 'Runbooks',
    description: 'Where your runbooks live, their schedules and the maintenance window.',
    fields: {
      directory: 'Your runbook folder (~ allowed); empty means built-in runbooks only.',
      scheduling: 'Off: no scheduled run starts; runs by hand still work.',
      schedules: 'Extra schedules: a list of { runbook, cron, params }.',
      disabled: 'Runbook ids whose front-matter schedules are switched off, one per line.',
      catchUpMinutes: 'A missed scheduled run starts late if it was due this recently, in minutes.',
      maintenanceWindow: 'While the window is open (cron: when it opens, local time; minutes: how long), non-critical notifications are held back.',
    },
  },
  gpu: {
    title: 'GPU',
    description: 'How GPUs are read, and their thresholds (also per GPU).',
    fields: {
      enabled: 'Watch the GPUs.',
      intervalMs: "nvidia-smi's sampling interval, in milliseconds.",
      processIntervalMs: 'How often per-process GPU memory is read, in milliseconds.',
      processQuietMs: 'While no GPU memory moved, per-process reads are skipped for up to this long, in milliseconds.',
      appleIntervalMs: 'Apple Silicon: how often ioreg is read, in milliseconds.',
      nvidiaSmiPath: 'Path of nvidia-smi; empty means look it up on PATH.',
      timeoutMs: 'Deadline of a one-shot GPU tool call, in milliseconds.',
      memoryPercentWarning: 'GPU memory used above this is a warning, in percent.',
      memoryPercentCritical: 'GPU memory used above this is critical, in percent.',
      temperatureWarningC: 'A GPU hotter than this is a warning, in °C.',
      perGpu: 'Thresholds for one GPU, keyed by its index ("0") or UUID; unset fields use the ones above.',
    },
  },
  models: {
    title: 'Models',
    description: 'Model servers (endpoints), their autodetection, probes and targets.',
    fields: {
      enabled: 'Watch model servers.',
      intervalMs: 'How often every endpoint is read, in milliseconds.',
      detectIntervalMs: 'How often model servers are searched for, in milliseconds.',
      autodetect: 'Off: only the configured endpoints are watched.',
      detectPorts: 'Loopback ports tried by autodetection.',
      endpoints: 'Model servers: a list of { url, kind, name, apiKeyEnv (the NAME of an environment variable), probe }.',
      probeIntervalMinutes: 'Minutes between scheduled probes of each loaded model (0: only when asked).',
      probeTimeoutMs: "A probe's deadline, in milliseconds.",
      targetTokensPerSecond: 'Decode tokens/s below this on two probes in a row is model.slow.',
      targets: 'Targets per model name, e.g. { "llama3.1:70b": 12 }.',
    },
  },
  alerts: {
    title: 'Alerts',
    description: 'Alert rules per kind, flapping, restart loops and incident grouping.',
    fields: {
      rules: 'Per alert kind (disk.free, gpu.memory, container.restart_loop…): { enabled, severity, for, clearFor, clearMargin, emergencyAfter }.',
      flapping: `Transitions within the window make one "flapping" notice, quiet until stable as long. ${DURATION}`,
      restartLoop: `A container restarting this many times within the window is a restart loop. ${DURATION}`,
      incidentJoinWindow: `Alerts this close together join one incident. ${DURATION}`,
    },
  },
  notifications: {
    title: 'Notifications',
    description: 'Desktop notifications, webhooks, quiet hours and when to notify.',
    fields: {
      desktop: "The app's desktop notifications, and the dashboard's browser notifications while it is open.",
      minSeverity: 'Below this, nothing notifies (the Incidents page still lists it).',
      recovery: 'Notify when an alert resolves.',
      repeatCritical: `An unacknowledged critical or emergency alert notifies again this often (0: never). ${DURATION}`,
      quietHours: 'During quiet hours (local time, HH:MM) only critical and emergency notify.',
      webhooks: 'Where notifications are sent (URLs are shown redacted).',
    },
  },
  emergency: {
    title: 'Emergency',
    description: 'Emergency actions: plan lifetime, disk cleanup, GPU release, snapshots and rollback.',
    fields: {
      planTtl: `A plan can be executed this long after it was made. ${DURATION}`,
      disk: 'Disk cleanup: container logs over logsOverMb, unused images, Hugging Face and Ollama caches.',
      gpu: `GPU release: termGrace before a process is killed, releaseWait for its memory. ${DURATION}`,
      snapshots: 'Automatic known-good snapshots of stacks healthy for healthyFor, keepPerStack of each.',
      rollback: 'Rollback: volume backups (backupDir) and how long to wait for health.',
    },
  },
  http: {
    title: 'HTTP checks',
    description: 'URLs Opsbar requests on a schedule, and what they must answer.',
    fields: {
      enabled: 'Run the HTTP checks.',
      checks: 'A list of { name, url, expectStatus, expectBody, timeoutMs, intervalMs, failuresBeforeAlert }.',
    },
  },
  app: {
    title: 'App',
    description: 'The desktop app itself.',
    fields: { startAtLogin: 'Start Opsbar when you log in (macOS login item, Linux autostart).' },
  },
};

/** A section's JSON Schema as the file is written (defaults optional), with each field's help as its description. */
function sectionJsonSchema(id: SettingsSection): Record<string, unknown> {
  const schema = z.toJSONSchema(SETTINGS_SECTIONS[id] as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [field, help] of Object.entries(SECTION_TEXT[id].fields)) {
    if (properties[field] && properties[field].description === undefined) properties[field].description = help;
  }
  return schema;
}

let cached: SettingsSchemaView | undefined;

/** Every section's JSON Schema (z.toJSONSchema of the file's own schema), with titles and the guarded fields. */
export function settingsSchemaView(): SettingsSchemaView {
  cached ??= {
    sections: (Object.keys(SETTINGS_SECTIONS) as SettingsSection[]).map((id) => ({
      id,
      title: SECTION_TEXT[id].title,
      description: SECTION_TEXT[id].description,
      schema: sectionJsonSchema(id),
    })),
    guarded: { ...GUARDED_SETTINGS },
  };
  // A copy each time: a caller (or a transport) may change what it gets.
  return structuredClone(cached);
}

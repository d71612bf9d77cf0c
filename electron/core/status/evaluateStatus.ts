import type { Settings } from '../../../shared/config/settingsSchema';
import { formatBytes, formatPercent } from '../../../shared/format/bytes';
import type { DockerSnapshot } from '../../../shared/types/docker';
import { worstSeverity, type Severity } from '../../../shared/types/severity';
import type { StatusCheck, StatusSnapshot } from '../../../shared/types/status';
import type { SystemSnapshot } from '../../../shared/types/system';

export interface StatusInputs {
  at: number;
  system: SystemSnapshot | null;
  /** Why the system snapshot is missing, if it is. */
  systemError?: string | null;
  docker: DockerSnapshot | null;
  dockerEnabled: boolean;
  thresholds: Settings['thresholds'];
  /** Set when history cannot be written (disk full…). */
  storeError?: string | null;
}

function atLeast(value: number, warning: number, critical: number): Severity {
  if (value >= critical) return 'critical';
  if (value >= warning) return 'warning';
  return 'ok';
}

function atMost(value: number, warning: number, critical: number): Severity {
  if (value <= critical) return 'critical';
  if (value <= warning) return 'warning';
  return 'ok';
}

function systemChecks(system: SystemSnapshot, t: Settings['thresholds']): StatusCheck[] {
  const checks: StatusCheck[] = [
    {
      id: 'cpu',
      label: 'CPU',
      severity: 'ok',
      summary: `${formatPercent(system.cpu.percent)} of ${system.cpu.cores} cores, load ${system.load[0].toFixed(2)}`,
    },
    {
      id: 'memory',
      label: 'Memory',
      alert: 'memory.high',
      severity: atLeast(system.memory.percent, t.memoryPercentWarning, t.memoryPercentCritical),
      summary: `${formatBytes(system.memory.availableBytes)} available (${formatPercent(system.memory.percent)} used)`,
    },
  ];
  for (const disk of system.disks) {
    const freePercent = 100 - disk.usedPercent;
    checks.push({
      id: `disk:${disk.mount}`,
      label: `Disk ${disk.mount}`,
      alert: 'disk.free',
      severity: atMost(freePercent, t.diskFreePercentWarning, t.diskFreePercentCritical),
      summary: `${formatBytes(disk.freeBytes)} free (${formatPercent(disk.usedPercent)} used)`,
    });
  }
  return checks;
}

export function dockerCheck(docker: DockerSnapshot | null): StatusCheck {
  if (!docker) return { id: 'docker', label: 'Docker', severity: 'unknown', summary: 'Not checked yet' };
  if (!docker.available) {
    return { id: 'docker', label: 'Docker', severity: 'unknown', summary: docker.error ?? 'Docker is not available' };
  }
  const containers = docker.stacks.flatMap((s) => s.containers);
  const running = containers.filter((c) => c.state === 'running');
  const good = running.filter((c) => c.severity === 'ok').length;
  const severity = worstSeverity(docker.stacks.map((s) => s.severity));
  const summary =
    containers.length === 0
      ? 'No containers'
      : `${good} of ${running.length} running healthy${containers.length > running.length ? `, ${containers.length - running.length} stopped` : ''}`;
  return { id: 'docker', label: 'Docker', severity, summary, alert: 'container.unhealthy' };
}

const RANK_ORDER: Severity[] = ['critical', 'warning', 'unknown', 'ok'];

/** The whole at-a-glance status, a pure function of the latest snapshots and thresholds. */
export function evaluateStatus(inputs: StatusInputs): StatusSnapshot {
  const checks: StatusCheck[] = inputs.system
    ? systemChecks(inputs.system, inputs.thresholds)
    : [{ id: 'system', label: 'System', severity: 'unknown', summary: inputs.systemError ?? 'Not measured yet' }];
  if (inputs.dockerEnabled) checks.push(dockerCheck(inputs.docker));
  if (inputs.storeError) checks.push({ id: 'history', label: 'History', severity: 'warning', summary: inputs.storeError });
  const overall = worstSeverity(checks.map((c) => c.severity));
  const docker: DockerSnapshot = inputs.docker ?? {
    at: inputs.at,
    available: false,
    endpoint: null,
    error: inputs.dockerEnabled ? 'Not checked yet' : 'Docker monitoring is turned off in the config (docker.enabled: false).',
    engineVersion: null,
    stacks: [],
  };
  const ordered = [...checks].sort((a, b) => RANK_ORDER.indexOf(a.severity) - RANK_ORDER.indexOf(b.severity));
  return { at: inputs.at, overall, checks: ordered, system: inputs.system, docker };
}

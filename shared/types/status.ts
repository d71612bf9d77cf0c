import type { DockerSnapshot } from './docker';
import type { Severity } from './severity';
import type { SystemSnapshot } from './system';

/** One line of the at-a-glance status, e.g. "Disk /" → "41 GB free (82%)". */
export interface StatusCheck {
  id: string;
  label: string;
  severity: Severity;
  summary: string;
  /** The alert kind this check raises when it is not ok (`disk.free`): runbooks naming it in `triggers` are suggested. */
  alert?: string;
}

export interface StatusSnapshot {
  at: number;
  overall: Severity;
  checks: StatusCheck[];
  system: SystemSnapshot | null;
  docker: DockerSnapshot;
  /** A maintenance window is open: non-critical alerts are silenced until `until`. */
  maintenance?: { active: boolean; until: number | null; silenceNonCritical: boolean };
}

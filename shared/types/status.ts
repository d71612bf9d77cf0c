import type { DockerSnapshot } from './docker';
import type { GpuSnapshot } from './gpu';
import type { HttpSnapshot } from './http';
import type { ModelsSnapshot } from './models';
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

/**
 * Each monitor module's snapshot, under the module's id: the one list of what the status
 * carries. The core fills it by iterating over its module registry; adding a module is adding
 * its line here and its folder under electron/core/monitors/.
 */
export interface ModuleSnapshots {
  system: SystemSnapshot | null;
  docker: DockerSnapshot;
  gpu: GpuSnapshot;
  models: ModelsSnapshot;
  http: HttpSnapshot;
}

export type ModuleId = keyof ModuleSnapshots;

/** What the status says across modules: overall severity and every check, worst first. */
export interface StatusHead {
  at: number;
  overall: Severity;
  checks: StatusCheck[];
  /** A maintenance window is open: non-critical alerts are silenced until `until`. */
  maintenance?: { active: boolean; until: number | null; silenceNonCritical: boolean };
}

export type StatusSnapshot = StatusHead & ModuleSnapshots;

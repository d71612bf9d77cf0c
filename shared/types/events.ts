import type { ModuleId } from './status';

export type EventSeverity = 'info' | 'warning' | 'critical';

/** Something that happened: a container died, a disk crossed a threshold, Opsbar started. */
export interface OpsEvent {
  id: number;
  at: number;
  /** The monitor module it came from, or Opsbar itself. */
  source: ModuleId | 'opsbar';
  /** Machine-readable kind, e.g. "container.die", "container.health_status", "disk.threshold". */
  kind: string;
  severity: EventSeverity;
  /** What it is about, e.g. a container name or a mount point (untrusted text). */
  subject: string;
  message: string;
  attributes: Record<string, string>;
}

export type NewOpsEvent = Omit<OpsEvent, 'id'>;

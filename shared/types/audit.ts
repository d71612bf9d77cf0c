/** One audit row: what an operator (or Opsbar on their behalf) did, and how it ended. */
export interface AuditRecord {
  id: number;
  at: number;
  /** `app`, `dashboard`, `cli`, `schedule`, `opsbar`. */
  actor: string;
  /** Dotted, kind first: `runbook.run`, `runbook.step`, `settings.update`, `notification.sent`, `silence.add`, `incident.ack`. */
  action: string;
  target: string;
  outcome: 'planned' | 'confirmed' | 'succeeded' | 'failed' | 'cancelled';
  details: Record<string, unknown>;
}

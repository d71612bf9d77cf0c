import type { AlertCondition, AlertMeasure, AlertSeverity, AlertView } from '../../../shared/types/alerts';

/**
 * What the engine keeps per `kind|subject` (and stores as JSON in `alert_states.doc`). Inactive
 * alerts have no record; a resolved one is kept for an hour (and while it is flapping).
 */
export interface AlertRecord {
  key: string;
  kind: string;
  subject: string;
  module: AlertView['module'];
  label: string;
  summary: string;
  group: string | null;
  state: 'pending' | 'firing' | 'resolved';
  /** Pending or firing at; for resolved, the worst it reached. */
  severity: AlertSeverity;
  /** The worst severity of this firing (what a resolved alert shows). */
  worst: AlertSeverity;
  since: number;
  firedAt: number | null;
  resolvedAt: number | null;
  clearSince: number | null;
  lastSeenAt: number;
  /** Times of fired/resolved transitions within the flapping window. */
  transitionTimes: number[];
  flapping: boolean;
  incidentId: number | null;
  count?: number;
  measure?: AlertMeasure;
}

export function alertKey(kind: string, subject: string): string {
  return `${kind}|${subject}`;
}

/** A record's descriptive fields refreshed from the latest condition (label, summary, count, reading). */
export function describe(record: AlertRecord, condition: AlertCondition): void {
  record.module = condition.module;
  record.label = condition.label;
  record.summary = condition.summary;
  record.group = condition.group;
  if (condition.count !== undefined) record.count = condition.count;
  if (condition.measure) record.measure = condition.measure;
}

/** A stored doc read back; null when it is not a record this version understands (it is dropped). */
export function parseRecord(doc: string): AlertRecord | null {
  try {
    const value = JSON.parse(doc) as Partial<AlertRecord>;
    const states = ['pending', 'firing', 'resolved'];
    if (typeof value.key !== 'string' || typeof value.kind !== 'string' || typeof value.subject !== 'string') return null;
    if (!states.includes(value.state as string) || typeof value.since !== 'number' || typeof value.severity !== 'string') return null;
    return {
      transitionTimes: [],
      flapping: false,
      incidentId: null,
      firedAt: null,
      resolvedAt: null,
      clearSince: null,
      group: null,
      worst: value.severity,
      lastSeenAt: value.since,
      module: 'opsbar',
      label: value.subject,
      summary: '',
      ...value,
    } as AlertRecord;
  } catch {
    return null;
  }
}

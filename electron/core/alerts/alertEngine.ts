import { alertSeverityRank, type AlertCondition, type AlertSeverity, type AlertTransition } from '../../../shared/types/alerts';
import { alertKey, describe, type AlertRecord } from './alertRecord';
import type { AlertRule } from './defaultRules';
import { severityWithMargin } from './measureSeverity';

export interface EngineSettings {
  ruleFor(kind: string): AlertRule;
  flapping: { transitions: number; windowMs: number; stableForMs: number };
}

export interface EngineChange {
  change: AlertTransition['change'];
  key: string;
  /** The alert as it is after the change (for `cancelled`: as it was, it is gone from `records`). */
  record: AlertRecord;
  previousSeverity: AlertSeverity | null;
}

export interface EngineResult {
  changes: EngineChange[];
  /** Records whose stored state changed (to be written). */
  touched: Set<string>;
  /** Records that went away (cancelled pending, resolved over an hour ago). */
  dropped: Set<string>;
}

/** A resolved alert is listed this long, then forgotten. */
export const RESOLVED_KEPT_MS = 60 * 60_000;

/**
 * The alert state machine, pure (`now` is passed in): per `kind|subject`, inactive → pending →
 * firing → resolved by each kind's rule, with recovery hysteresis (clearFor and margins),
 * escalation, emergencyAfter and flapping. A key missing from the conditions counts as clear.
 */
export class AlertEngine {
  readonly records = new Map<string, AlertRecord>();

  evaluate(conditions: readonly AlertCondition[], now: number, settings: EngineSettings): EngineResult {
    const result: EngineResult = { changes: [], touched: new Set(), dropped: new Set() };
    const seen = new Map<string, AlertCondition>();
    for (const condition of conditions) seen.set(alertKey(condition.kind, condition.subject), condition);
    for (const [key, condition] of seen) this.step(key, condition, now, settings, result);
    for (const key of [...this.records.keys()]) if (!seen.has(key)) this.step(key, null, now, settings, result);
    return result;
  }

  private step(key: string, condition: AlertCondition | null, now: number, settings: EngineSettings, out: EngineResult): void {
    const record = this.records.get(key);
    const kind = condition?.kind ?? record?.kind ?? '';
    const rule = settings.ruleFor(kind);
    const severity = holdingSeverity(condition, record, rule, now);
    const emit = (change: EngineChange['change'], previousSeverity: AlertSeverity | null) => {
      const current = this.records.get(key) ?? record;
      if (current) out.changes.push({ change, key, record: current, previousSeverity });
      out.touched.add(key);
    };
    if (!record || record.state === 'resolved') {
      if (severity === null) {
        if (record) this.keepOrDropResolved(record, now, settings, out, emit);
        return;
      }
      const fresh = this.startPending(key, condition as AlertCondition, severity, now, record);
      out.touched.add(key);
      if (rule.forMs > 0) return void emit('pending', null);
      this.fire(fresh, severity, now, settings, emit);
      return;
    }
    if (condition) {
      // A new restart count is worth writing at once (the CLI reads the stored state).
      if (condition.count !== undefined && condition.count !== record.count) out.touched.add(key);
      describe(record, condition);
    }
    record.lastSeenAt = now;
    if (record.state === 'pending') {
      if (severity === null) {
        this.records.delete(key);
        out.dropped.add(key);
        emit('cancelled', record.severity);
        return;
      }
      if (severity !== record.severity) out.touched.add(key);
      record.severity = severity;
      if (now - record.since >= rule.forMs) this.fire(record, severity, now, settings, emit);
      return;
    }
    // Firing.
    if (severity === null) {
      if (record.clearSince === null) {
        record.clearSince = now;
        out.touched.add(key);
      }
      if (now - record.clearSince >= rule.clearForMs) {
        record.state = 'resolved';
        record.resolvedAt = now;
        record.clearSince = null;
        const previous = record.severity;
        record.severity = record.worst;
        emit('resolved', previous);
        this.noteTransition(record, now, settings, emit);
      } else this.checkStable(record, now, settings, emit);
      return;
    }
    if (record.clearSince !== null) {
      record.clearSince = null;
      out.touched.add(key);
    }
    if (severity !== record.severity) {
      const previous = record.severity;
      record.severity = severity;
      if (alertSeverityRank(severity) > alertSeverityRank(record.worst)) record.worst = severity;
      emit(alertSeverityRank(severity) > alertSeverityRank(previous) ? 'escalated' : 'deescalated', previous);
    }
    this.checkStable(record, now, settings, emit);
  }

  private startPending(key: string, condition: AlertCondition, severity: AlertSeverity, now: number, previous: AlertRecord | undefined): AlertRecord {
    const record: AlertRecord = {
      key,
      kind: condition.kind,
      subject: condition.subject,
      module: condition.module,
      label: condition.label,
      summary: condition.summary,
      group: condition.group,
      state: 'pending',
      severity,
      worst: severity,
      since: now,
      firedAt: null,
      resolvedAt: null,
      clearSince: null,
      lastSeenAt: now,
      // Flapping counts across firings: keep the recent transitions of the resolved one.
      transitionTimes: previous?.transitionTimes ?? [],
      flapping: previous?.flapping ?? false,
      incidentId: null,
    };
    describe(record, condition);
    this.records.set(key, record);
    return record;
  }

  private fire(record: AlertRecord, severity: AlertSeverity, now: number, settings: EngineSettings, emit: (c: EngineChange['change'], p: AlertSeverity | null) => void): void {
    record.state = 'firing';
    record.firedAt = now;
    record.severity = severity;
    record.worst = severity;
    record.clearSince = null;
    emit('fired', null);
    this.noteTransition(record, now, settings, emit);
  }

  /** Counts a fired/resolved transition; enough of them within the window → one `flapping`. */
  private noteTransition(record: AlertRecord, now: number, settings: EngineSettings, emit: (c: EngineChange['change'], p: AlertSeverity | null) => void): void {
    const { transitions, windowMs } = settings.flapping;
    record.transitionTimes = [...record.transitionTimes.filter((t) => now - t < windowMs), now];
    if (!record.flapping && record.transitionTimes.length >= transitions) {
      record.flapping = true;
      emit('flapping', record.severity);
    }
  }

  /** A flapping alert that has not transitioned for `stableFor` is stable again. */
  private checkStable(record: AlertRecord, now: number, settings: EngineSettings, emit: (c: EngineChange['change'], p: AlertSeverity | null) => void): void {
    if (!record.flapping) return;
    const last = record.transitionTimes[record.transitionTimes.length - 1] ?? record.since;
    if (now - last < settings.flapping.stableForMs) return;
    record.flapping = false;
    record.transitionTimes = [];
    emit('stable', record.severity);
  }

  private keepOrDropResolved(record: AlertRecord, now: number, settings: EngineSettings, out: EngineResult, emit: (c: EngineChange['change'], p: AlertSeverity | null) => void): void {
    this.checkStable(record, now, settings, emit);
    if (record.flapping || now - (record.resolvedAt ?? now) < RESOLVED_KEPT_MS) return;
    this.records.delete(record.key);
    out.dropped.add(record.key);
  }
}

/** The severity the condition holds at under the rule (null: clear), hysteresis included while firing. */
function holdingSeverity(condition: AlertCondition | null, record: AlertRecord | undefined, rule: AlertRule, now: number): AlertSeverity | null {
  if (!condition || !rule.enabled) return null;
  let severity = condition.severity;
  const firing = record?.state === 'firing' ? record : null;
  if (firing && condition.measure) {
    const held = severityWithMargin(condition.measure, firing.severity, rule.clearMargin);
    if (held !== null && (severity === null || alertSeverityRank(held) > alertSeverityRank(severity))) {
      severity = alertSeverityRank(held) > alertSeverityRank(firing.severity) ? firing.severity : held;
    }
  }
  if (severity === null) return null;
  if (rule.severity) severity = rule.severity;
  if (firing && severity === 'critical' && rule.emergencyAfterMs !== null && firing.firedAt !== null && now - firing.firedAt >= rule.emergencyAfterMs) return 'emergency';
  return severity;
}

import { alertSeverityRank, worstAlertSeverity, type AlertCondition, type AlertTransition, type AlertView } from '../../../shared/types/alerts';
import type { StatusSnapshot } from '../../../shared/types/status';
import { AlertEngine, RESOLVED_KEPT_MS, type EngineResult, type EngineSettings } from './alertEngine';
import { parseRecord, type AlertRecord } from './alertRecord';
import type { AlertSystem, AlertSystemDeps } from './alertSystem';
import { ruleFor } from './defaultRules';
import { EventWindows, type EventWindowSettings } from './eventWindows';
import { SilenceBook } from './silenceBook';
import { statusConditions } from './statusConditions';

/** GPU memory at or above this with an OOM event in the window is an emergency. */
const GPU_OOM_PERCENT = 99;
/** lastSeenAt is written at least this often while nothing else changes (a restart resumes pending timers from it). */
const SEEN_WRITE_MS = 30_000;
/** A pending alert resumes its timer across a restart when the gap is at most its `for`, and at least this. */
const MIN_RESUME_GAP_MS = 60_000;
const STATE_RANK = { firing: 2, pending: 1, resolved: 0 } as const;

/** The alert engine of the core: conditions from the modules and event windows, states in the history file. */
export function createAlertSystem(deps: AlertSystemDeps): AlertSystem {
  const engine = new AlertEngine();
  const windows = new EventWindows();
  const silences = new SilenceBook({ store: deps.store, now: () => deps.clock.now(), audit: deps.audit });
  const written = new Map<string, number>();
  let lastStatus: StatusSnapshot | null = null;

  const engineSettings = (): EngineSettings => {
    const alerts = deps.settings().alerts;
    return {
      ruleFor: (kind) => ruleFor(kind, alerts),
      flapping: { transitions: alerts.flapping.transitions, windowMs: alerts.flapping.window, stableForMs: alerts.flapping.stableFor },
    };
  };
  const windowSettings = (): EventWindowSettings => ({ restarts: deps.settings().alerts.restartLoop.restarts, windowMs: deps.settings().alerts.restartLoop.window });

  const view = (record: AlertRecord): AlertView => {
    const silence = silences.matching(record.kind, record.subject);
    return {
      key: record.key,
      kind: record.kind,
      subject: record.subject,
      module: record.module,
      label: record.label,
      summary: record.summary,
      state: record.state,
      severity: record.severity,
      group: record.group,
      since: record.since,
      firedAt: record.firedAt,
      firesAt: record.state === 'pending' ? record.since + ruleFor(record.kind, deps.settings().alerts).forMs : null,
      resolvedAt: record.resolvedAt,
      clearSince: record.clearSince,
      lastSeenAt: record.lastSeenAt,
      transitions: record.transitionTimes.length,
      flapping: record.flapping,
      silence: silence ? { id: silence.id, until: silence.until, reason: silence.reason } : null,
      incidentId: record.incidentId,
      ...(record.count !== undefined ? { count: record.count } : {}),
      runbooks: deps.runbooksFor(record.kind),
    };
  };

  const stateOf = (record: AlertRecord, now: number) => ({ key: record.key, kind: record.kind, subject: record.subject, state: record.state, updatedAt: now, doc: JSON.stringify(record) });
  const write = (saved: AlertRecord[], removed: string[], now: number): void => {
    try {
      deps.store().writeStates(
        saved.map((r) => stateOf(r, now)),
        removed,
      );
      for (const record of saved) written.set(record.key, record.lastSeenAt);
      for (const key of removed) written.delete(key);
    } catch (error) {
      deps.log.warn(`alert states not saved (${(error as Error).message}): they are kept in memory and written at the next change.`);
    }
  };

  const persist = (result: EngineResult, now: number): void => {
    const saved = [...engine.records.values()].filter((r) => result.touched.has(r.key) || r.lastSeenAt - (written.get(r.key) ?? 0) >= SEEN_WRITE_MS);
    write(saved, [...result.dropped].filter((key) => !engine.records.has(key)), now);
  };

  const conditionsAt = (status: StatusSnapshot, now: number): AlertCondition[] => {
    const settings = deps.settings();
    const found = explainedByLoops([...statusConditions(status, deps.modules, deps.ownerOf, settings), ...windows.conditions(now, windowSettings())]);
    if (!windows.oomSeenWithin(now, windowSettings())) return found;
    // GPU memory full while processes are being OOM-killed: act now.
    return found.map((c) =>
      c.kind === 'gpu.memory' && c.measure && c.measure.value >= GPU_OOM_PERCENT
        ? { ...c, severity: 'emergency' as const, summary: `${c.summary}, with an out-of-memory kill in the last ${Math.round(windowSettings().windowMs / 60_000)} min` }
        : c,
    );
  };

  const run = (): AlertTransition[] => {
    if (deps.role !== 'app' || !lastStatus) return [];
    const now = deps.clock.now();
    const result = engine.evaluate(conditionsAt(lastStatus, now), now, engineSettings());
    persist(result, now);
    return result.changes.map((c) => ({ at: now, change: c.change, alert: view(c.record), previousSeverity: c.previousSeverity }));
  };

  const stored = (): AlertRecord[] => {
    try {
      return deps
        .store()
        .states()
        .map((s) => parseRecord(s.doc))
        .filter((r): r is AlertRecord => r !== null);
    } catch (error) {
      deps.log.warn(`stored alert states could not be read: ${(error as Error).message}`);
      return [];
    }
  };

  if (deps.role === 'app') resume(engine, stored(), deps.clock.now(), engineSettings());

  const sorted = (records: Iterable<AlertRecord>, now: number): AlertView[] =>
    [...records]
      .filter((r) => r.state !== 'resolved' || now - (r.resolvedAt ?? now) < RESOLVED_KEPT_MS)
      .sort((a, b) => STATE_RANK[b.state] - STATE_RANK[a.state] || alertSeverityRank(b.severity) - alertSeverityRank(a.severity) || a.since - b.since || a.key.localeCompare(b.key))
      .map(view);

  return {
    evaluate(status) {
      if (deps.role !== 'app') return [];
      lastStatus = status;
      return run();
    },
    observeEvent(event) {
      if (deps.role === 'app') windows.observe(event, windowSettings());
    },
    tick: () => run(),
    snapshot() {
      const now = deps.clock.now();
      const alerts = sorted(deps.role === 'app' ? engine.records.values() : stored(), now);
      return { at: now, alerts, worstFiring: worstAlertSeverity(alerts.filter((a) => a.state === 'firing').map((a) => a.severity)) };
    },
    setIncident(key, incidentId) {
      const record = engine.records.get(key);
      if (!record || record.incidentId === incidentId) return;
      record.incidentId = incidentId;
      if (deps.role === 'app') write([record], [], deps.clock.now());
    },
    silences: {
      list: () => silences.list(),
      add: (input) => silences.add(input),
      remove: (id, by) => silences.remove(id, by),
      matching: (kind, subject) => silences.matching(kind, subject),
    },
  };
}

/** A container's state alerts that its restart loop explains: while the loop holds, the loop is its one alert. */
const EXPLAINED_BY_LOOP = new Set(['container.restarting', 'container.exited']);

function explainedByLoops(conditions: AlertCondition[]): AlertCondition[] {
  const looping = new Set(conditions.filter((c) => c.kind === 'container.restart_loop' && c.severity !== null).map((c) => c.subject));
  return looping.size === 0 ? conditions : conditions.filter((c) => !(EXPLAINED_BY_LOOP.has(c.kind) && looping.has(c.subject)));
}

/**
 * States read back at start: a firing alert stays firing until it is seen clear (clearFor counts
 * from then); a pending one keeps its timer when the gap was short (≤ its `for`, at least a minute).
 */
function resume(engine: AlertEngine, records: AlertRecord[], now: number, settings: EngineSettings): void {
  for (const record of records) {
    if (record.state === 'firing') record.clearSince = null;
    if (record.state === 'pending') {
      const gap = now - record.lastSeenAt;
      if (gap > Math.max(settings.ruleFor(record.kind).forMs, MIN_RESUME_GAP_MS)) record.since = now;
    }
    engine.records.set(record.key, record);
  }
}

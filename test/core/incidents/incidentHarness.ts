import { join } from 'node:path';
import type { LiveMessage } from '../../../shared/api/live';
import { defaultSettings, type Settings } from '../../../shared/config/settingsSchema';
import type { AlertSeverity, AlertTransition, AlertView } from '../../../shared/types/alerts';
import type { OpsEvent } from '../../../shared/types/events';
import { createIncidentSystem } from '../../../electron/core/incidents/createIncidentSystem';
import type { IncidentSystem } from '../../../electron/core/incidents/incidentSystem';
import { silentLogger } from '../../../electron/core/logger';
import { OpsbarStore } from '../../../electron/core/store/opsbarStore';
import { TestClock } from '../../support/testClock';
import { tempDir } from '../../support/tempDir';
import { firingAlertView } from '../../support/alertViews';

export const MINUTE = 60_000;

/** An incident system on a real SQLite file and a test clock, with what it published, linked and audited. */
export interface IncidentHarness {
  file: string;
  clock: TestClock;
  store: OpsbarStore;
  incidents: IncidentSystem;
  settings: Settings;
  published: LiveMessage[];
  links: [string, number | null][];
  runbooks: { id: string; title: string; triggers: string[] }[];
  close(): void;
}

export function openIncidentHarness(options: { file?: string; clock?: TestClock } = {}): IncidentHarness {
  const file = options.file ?? join(tempDir(), 'opsbar.db');
  const clock = options.clock ?? new TestClock(Date.UTC(2026, 10, 18, 12, 0, 0));
  const { store } = OpsbarStore.open(file, { now: () => clock.now() });
  const settings = defaultSettings();
  const published: LiveMessage[] = [];
  const links: [string, number | null][] = [];
  const runbooks: IncidentHarness['runbooks'] = [];
  const incidents = createIncidentSystem({
    settings: () => settings,
    clock,
    log: silentLogger,
    store: () => store.incidents,
    publish: (message) => published.push(message),
    audit: (entry) => store.addAudit(entry),
    runbooksFor: (kinds) => runbooks.filter((r) => r.triggers.some((t) => kinds.includes(t))).map(({ id, title }) => ({ id, title })),
    linkAlert: (key, id) => links.push([key, id]),
    role: 'app',
  });
  return { file, clock, store, incidents, settings, published, links, runbooks, close: () => store.close() };
}

export function alertView(kind: string, subject: string, fields: Partial<AlertView> = {}): AlertView {
  return firingAlertView(kind, subject, { module: 'docker', summary: 'restarted 6 times in 10 min', ...fields });
}

export function transition(change: AlertTransition['change'], alert: AlertView, at: number, previousSeverity: AlertSeverity | null = null): AlertTransition {
  return { at, change, alert, previousSeverity };
}

export function dockerEvent(kind: string, subject: string, at: number, attributes: Record<string, string> = {}): OpsEvent {
  return { id: 0, at, source: 'docker', kind, severity: 'warning', subject, message: `${subject} ${kind}`, attributes };
}

import type { AlertSeverity, AlertTransition, AlertView } from '../../../shared/types/alerts';

export function alert(overrides: Partial<AlertView> = {}): AlertView {
  const kind = overrides.kind ?? 'disk.free';
  const subject = overrides.subject ?? 'disk:/';
  return {
    key: `${kind}|${subject}`,
    kind,
    subject,
    module: 'system',
    label: 'Disk /',
    summary: '4 GB free (8%)',
    state: 'firing',
    severity: 'warning',
    group: 'disk:/',
    since: 0,
    firedAt: 0,
    resolvedAt: null,
    clearSince: null,
    lastSeenAt: 0,
    transitions: 1,
    flapping: false,
    silence: null,
    incidentId: null,
    runbooks: [],
    ...overrides,
  };
}

export function transition(change: AlertTransition['change'], severity: AlertSeverity, at = 0, overrides: Partial<AlertView> = {}, previousSeverity: AlertSeverity | null = null): AlertTransition {
  return { at, change, alert: alert({ severity, ...overrides }), previousSeverity };
}

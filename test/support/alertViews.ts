import type { AlertView } from '../../shared/types/alerts';

/**
 * One firing alert view with every field filled: the shared base of the alert fixtures of the
 * core, shell and renderer tests (each sets the fields its tests care about).
 */
export function firingAlertView(kind: string, subject: string, overrides: Partial<AlertView> = {}): AlertView {
  return {
    key: `${kind}|${subject}`,
    kind,
    subject,
    module: 'system',
    label: subject,
    summary: '',
    state: 'firing',
    severity: 'warning',
    group: null,
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

import type { AlertSeverity, AlertTransition, AlertView } from '../../../shared/types/alerts';
import { firingAlertView } from '../../support/alertViews';

export function alert(overrides: Partial<AlertView> = {}): AlertView {
  return firingAlertView(overrides.kind ?? 'disk.free', overrides.subject ?? 'disk:/', { label: 'Disk /', summary: '4 GB free (8%)', group: 'disk:/', ...overrides });
}

export function transition(change: AlertTransition['change'], severity: AlertSeverity, at = 0, overrides: Partial<AlertView> = {}, previousSeverity: AlertSeverity | null = null): AlertTransition {
  return { at, change, alert: alert({ severity, ...overrides }), previousSeverity };
}

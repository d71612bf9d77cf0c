import type { IncidentSummary, TimelineEntryType } from '../../../../shared/types/incidents';
import { formatDuration, UNKNOWN } from '../../format';

/** ms → "4m 12s"; "—" while not yet known. */
export function formatMs(ms: number | null | undefined): string {
  return ms == null ? UNKNOWN : formatDuration(ms / 1000);
}

/** "TTA 3m 10s · TTR —": how long to acknowledge and to recover. */
export function responseTimes(incident: Pick<IncidentSummary, 'ttaMs' | 'ttrMs'>): string {
  return `TTA ${formatMs(incident.ttaMs)} · TTR ${formatMs(incident.ttrMs)}`;
}

/** "2 of 3 alerts firing", "1 alert, resolved". */
export function firingWords(incident: Pick<IncidentSummary, 'alertCount' | 'firingCount' | 'state'>): string {
  const alerts = `${incident.alertCount} ${incident.alertCount === 1 ? 'alert' : 'alerts'}`;
  if (incident.state === 'resolved' || incident.firingCount === 0) return `${alerts}, none firing`;
  return `${incident.firingCount} of ${alerts} firing`;
}

/** A timeline entry's icon (decorative: the label beside it says the same) and label. */
export const TIMELINE_LABELS: Record<TimelineEntryType, { icon: string; label: string }> = {
  opened: { icon: '●', label: 'Opened' },
  'alert-fired': { icon: '▲', label: 'Alert fired' },
  'alert-escalated': { icon: '⇧', label: 'Escalated' },
  'alert-resolved': { icon: '✓', label: 'Alert resolved' },
  event: { icon: '•', label: 'Event' },
  runbook: { icon: '▶', label: 'Runbook' },
  action: { icon: '⚙', label: 'Action' },
  notification: { icon: '✉', label: 'Notified' },
  note: { icon: '✎', label: 'Note' },
  acknowledged: { icon: '✋', label: 'Acknowledged' },
  resolved: { icon: '■', label: 'Resolved' },
  reopened: { icon: '↺', label: 'Reopened' },
};

export function timelineLabel(type: string): { icon: string; label: string } {
  return TIMELINE_LABELS[type as TimelineEntryType] ?? { icon: '•', label: type };
}

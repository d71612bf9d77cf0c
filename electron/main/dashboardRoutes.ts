/** The dashboard's own routes the shell opens (tray items, notification clicks); windows.ts accepts only such hash routes. */

/** Where an alert without an incident is shown: the Overview's Firing alerts card. */
export const ALERTS_ROUTE = '#/overview';

export function incidentRoute(incidentId: number): string {
  return `#/incidents/${incidentId}`;
}

export function runbookRoute(runbookId: string): string {
  return `#/runbooks/${encodeURIComponent(runbookId)}`;
}

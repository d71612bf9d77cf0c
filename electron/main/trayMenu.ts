import type { AlertsSnapshot } from '../../shared/types/alerts';
import type { RunSummary } from '../../shared/types/runbooks';
import { SEVERITIES, severityRank, type Severity } from '../../shared/types/severity';
import type { StatusSnapshot } from '../../shared/types/status';
import { alertItems, alertLine, alertSeverityWord, firingAlerts } from './trayAlertItems';
import { containerMenu } from './trayContainerItems';
import { emergencyMenu } from './trayEmergencyItems';
import { startAtLoginItem } from './trayLoginItem';
import { modelProbeItems } from './trayModelItems';

/**
 * What the tray shows, as plain data: a MenuItemConstructorOptions-like template, the
 * tooltip and the icon name. Pure, so every rule here is unit-tested without Electron.
 */
export interface TrayMenuItem {
  type: 'normal' | 'separator' | 'submenu' | 'checkbox';
  label?: string;
  enabled?: boolean;
  /** A checkbox's state ("Start at login"). */
  checked?: boolean;
  /** A submenu's items (`type: 'submenu'`: the Emergency menu). */
  submenu?: TrayMenuItem[];
  /** Drives the little status dot next to a line; the service turns it into an icon. */
  severity?: Severity;
  /** An icon other than a severity's dot (an alert's, e.g. `tray-emergency`); wins over `severity`. */
  iconName?: string;
  click?: () => void;
}

export interface TrayMenuOptions {
  /** Opens the dashboard, at a route (`#/incidents/12`) when given. */
  onOpenDashboard: (route?: string) => void;
  onQuit: () => void;
  /** Status lines shown before "…and N more" (worst first). */
  maxChecks?: number;
  /** The status lines as the core's modules word them, worst first; default: the checks. */
  lines?: readonly StatusLine[];
  /** "Run daily health check" and its last result; absent when the runbook is not loaded. */
  healthCheck?: { last: RunSummary | null; onRun: () => void };
  /** "Probe models now" (see trayModelItems.ts); absent in tests that do not need it. */
  onProbeModels?: () => void;
  /** The "Emergency" submenu (see trayEmergencyItems.ts); absent in tests that do not need it. */
  emergency?: boolean;
  /** The "Containers" submenu (see trayContainerItems.ts). */
  containers?: boolean;
  /** "Start at login" (see trayLoginItem.ts); absent where the shell cannot set it. */
  startAtLogin?: { enabled: boolean; toggle(): void };
  /** The alert engine's snapshot: its firing alerts are listed first (see trayAlertItems.ts). */
  alerts?: AlertsSnapshot | null;
  /** A runbook's title for "Runbook: <title>" (null: show its id). */
  runbookTitle?: (id: string) => string | null;
  /** Clock time of a run's end, e.g. "08:00" (injected so tests do not depend on the locale). */
  formatTime?: (ms: number) => string;
}

const RUN_LINE_SEVERITY: Record<string, Severity> = { succeeded: 'ok', failed: 'critical', cancelled: 'warning', interrupted: 'warning', waiting: 'warning' };

function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** The tray's health-check lines: the action, then what the last run said. */
export function healthCheckItems(healthCheck: NonNullable<TrayMenuOptions['healthCheck']>, formatTime: (ms: number) => string = clockTime): TrayMenuItem[] {
  const last = healthCheck.last;
  const busy = last?.state === 'running';
  const items: TrayMenuItem[] = [
    busy
      ? { type: 'normal', label: 'Daily health check running…', enabled: false }
      : { type: 'normal', label: 'Run daily health check', enabled: true, click: healthCheck.onRun },
  ];
  if (!last) {
    items.push({ type: 'normal', label: 'Last health check: never run', enabled: false });
  } else if (!busy) {
    const at = formatTime(last.endedAt ?? last.startedAt);
    const words: Record<string, string> = { succeeded: 'passed', failed: 'failed', cancelled: 'cancelled', interrupted: 'interrupted', waiting: 'waiting for you' };
    const detail = last.state === 'succeeded' ? '' : ` — ${last.summary}`;
    items.push({ type: 'normal', label: menuText(`Last health check: ${words[last.state] ?? last.state} ${at}${detail}`), enabled: false, severity: RUN_LINE_SEVERITY[last.state] ?? 'unknown' });
  }
  return items;
}

const SEVERITY_LABEL: Record<Severity, string> = { ok: 'OK', unknown: 'Unknown', warning: 'Warning', critical: 'Critical' };
const MAX_LINE = 80;
/** Windows cuts tray tooltips at 127 characters. */
const MAX_TOOLTIP = 127;

function asSeverity(value: unknown): Severity {
  return (SEVERITIES as readonly unknown[]).includes(value) ? (value as Severity) : 'unknown';
}

export function severityLabel(severity: unknown): string {
  return SEVERITY_LABEL[asSeverity(severity)];
}

/** Check labels carry untrusted text (container names, mounts): one line, bounded length. */
export function menuText(text: unknown, max = MAX_LINE): string {
  // eslint-disable-next-line no-control-regex
  const line = String(text ?? '').replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function trayIconName(severity: unknown): string {
  return `tray-${asSeverity(severity)}`;
}

/** One status line of the menu: the core's modules word them ("GPU 0 · 21.3 of 24.0 GB (89%)"). */
export interface StatusLine {
  label: string;
  severity: Severity;
}

/** The core's lines, sanitised (they carry untrusted text: container names, mounts, process names). */
function shownLines(status: StatusSnapshot | null | undefined, lines: readonly StatusLine[] | undefined): StatusLine[] {
  if (!lines) return statusLines(status);
  const shown = lines.map((line, index) => ({ label: menuText(line.label), severity: asSeverity(line.severity), index }));
  shown.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.index - b.index);
  return shown.map(({ label, severity }) => ({ label, severity }));
}

/** Status lines from the checks, worst first; ties keep the core's order (when the core gave no tray lines). */
export function statusLines(status: StatusSnapshot | null | undefined): StatusLine[] {
  const checks = Array.isArray(status?.checks) ? status.checks : [];
  const lines = checks.map((check, index) => ({
    label: menuText(check.summary ? `${menuText(check.label)} — ${menuText(check.summary)}` : check.label),
    severity: asSeverity(check.severity),
    index,
  }));
  lines.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.index - b.index);
  return lines.map(({ label, severity }) => ({ label, severity }));
}

export function buildTrayMenu(status: StatusSnapshot | null | undefined, options: TrayMenuOptions): TrayMenuItem[] {
  const overall = asSeverity(status?.overall);
  const items: TrayMenuItem[] = [{ type: 'normal', label: `Overall: ${SEVERITY_LABEL[overall]}`, enabled: false, severity: overall }];
  const firing = alertItems(options.alerts, (route) => options.onOpenDashboard(route), options.runbookTitle);
  if (firing.length > 0) items.push({ type: 'separator' }, { type: 'normal', label: 'Firing alerts', enabled: false }, ...firing.map((item) => ({ ...item, label: menuText(item.label) })));
  const lines = shownLines(status, options.lines);
  const max = Math.max(1, options.maxChecks ?? 10);
  items.push({ type: 'separator' });
  if (!status) {
    items.push({ type: 'normal', label: 'Waiting for the first check…', enabled: false });
  } else if (lines.length === 0) {
    items.push({ type: 'normal', label: 'No checks yet', enabled: false });
  } else {
    for (const line of lines.slice(0, max)) items.push({ type: 'normal', label: line.label, enabled: false, severity: line.severity });
    if (lines.length > max) items.push({ type: 'normal', label: `…and ${lines.length - max} more (see dashboard)`, enabled: false });
  }
  if (options.healthCheck) items.push({ type: 'separator' }, ...healthCheckItems(options.healthCheck, options.formatTime));
  const probeItems = options.onProbeModels ? modelProbeItems(status?.models, options.onProbeModels).map((item) => ({ ...item, label: menuText(item.label) })) : [];
  if (probeItems.length > 0) items.push(...(options.healthCheck ? [] : [{ type: 'separator' as const }]), ...probeItems);
  items.push({ type: 'separator' });
  if (options.emergency) {
    const emergency = emergencyMenu(status, (route) => options.onOpenDashboard(route));
    items.push({ ...emergency, submenu: emergency.submenu?.map((item) => ({ ...item, label: item.label === undefined ? undefined : menuText(item.label) })) });
  }
  const containers = options.containers ? containerMenu(status, (route) => options.onOpenDashboard(route)) : null;
  if (containers) items.push({ ...containers, submenu: containers.submenu?.map((item) => ({ ...item, label: item.label === undefined ? undefined : menuText(item.label) })) });
  if (options.startAtLogin) items.push(startAtLoginItem(options.startAtLogin));
  items.push(
    { type: 'normal', label: 'Open dashboard', enabled: true, click: () => options.onOpenDashboard() },
    { type: 'normal', label: 'Quit Opsbar', enabled: true, click: options.onQuit },
  );
  return items;
}

/**
 * "Opsbar — OK", or the overall state and the worst line: "Opsbar — Critical · Disk / — 2 GB free (99%) (+1 more)".
 * Given the alerts, it says what the colour says: the worst firing alert, or OK (pending ones counted).
 */
export function trayTooltip(status: StatusSnapshot | null | undefined, lines?: readonly StatusLine[], alerts?: AlertsSnapshot | null): string {
  const overall = asSeverity(status?.overall);
  if (alerts !== undefined) return alertTooltip(overall, alerts);
  let text = `Opsbar — ${SEVERITY_LABEL[overall]}`;
  const troubled = shownLines(status, lines).filter((l) => l.severity === 'warning' || l.severity === 'critical');
  if (troubled.length > 0) {
    const more = troubled.length > 1 ? ` (+${troubled.length - 1} more)` : '';
    text = `${text} · ${menuText(troubled[0].label, MAX_TOOLTIP - text.length - 3 - more.length)}${more}`;
  }
  return menuText(text, MAX_TOOLTIP);
}

function alertTooltip(overall: Severity, alerts: AlertsSnapshot | null): string {
  const firing = firingAlerts(alerts).filter((a) => a.severity !== 'info');
  if (firing.length === 0) {
    const pending = Array.isArray(alerts?.alerts) ? alerts.alerts.filter((a) => a.state === 'pending').length : 0;
    const head = `Opsbar — ${overall === 'unknown' ? SEVERITY_LABEL.unknown : SEVERITY_LABEL.ok}`;
    return menuText(pending > 0 ? `${head} · ${pending} alert${pending === 1 ? '' : 's'} pending` : head, MAX_TOOLTIP);
  }
  const text = `Opsbar — ${alertSeverityWord(firing[0].severity)}`;
  const more = firing.length > 1 ? ` (+${firing.length - 1} more)` : '';
  return menuText(`${text} · ${menuText(alertLine(firing[0]), MAX_TOOLTIP - text.length - 3 - more.length)}${more}`, MAX_TOOLTIP);
}

/** What makes two menus the same to the eye (clicks aside): the service rebuilds only when it changes. */
export function menuSignature(items: readonly TrayMenuItem[]): string {
  const shape = (list: readonly TrayMenuItem[]): unknown[] =>
    list.map(({ type, label, enabled, checked, severity, iconName, submenu }) => [type, label ?? '', enabled ?? true, checked ?? null, severity ?? '', iconName ?? '', ...(submenu ? [shape(submenu)] : [])]);
  return JSON.stringify(shape(items));
}

/**
 * The http module's judgement, pure: a check is down when its failures in a row reach its
 * `failuresBeforeAlert` (critical, alert `http.down`, subject the check's name, group
 * `http:<name>`); failing fewer times is shown (a warning on the page, "1 of 3") but is no alert
 * and does not colour the status: the failures in a row are the debounce.
 *
 *   const { snapshot, checks } = httpChecks(collected, settings.http, at);
 */
import type { Settings } from '../../../../shared/config/settingsSchema';
import type { AlertCondition } from '../../../../shared/types/alerts';
import type { HttpCheckView, HttpSnapshot } from '../../../../shared/types/http';
import type { Severity } from '../../../../shared/types/severity';
import type { StatusCheck } from '../../../../shared/types/status';
import type { Assessment } from '../monitorModule';
import { redactUrl } from './httpUrlRedaction';

type HttpSettings = Settings['http'];

export const HTTP_DOWN = 'http.down';

/** The check id of one health check (its name is unique in the config). */
export function httpCheckId(name: string): string {
  return `http:${name}`;
}

/** A configured check before any attempt. */
export function unattemptedView(check: HttpSettings['checks'][number]): HttpCheckView {
  return {
    name: check.name,
    url: redactUrl(check.url),
    expectStatus: check.expectStatus,
    last: null,
    consecutiveFailures: 0,
    failuresBeforeAlert: check.failuresBeforeAlert,
    down: false,
    since: null,
    severity: 'unknown',
  };
}

export function judgeView(view: HttpCheckView): HttpCheckView {
  const down = view.last !== null && view.consecutiveFailures >= view.failuresBeforeAlert;
  let severity: Severity = 'ok';
  if (view.last === null) severity = 'unknown';
  else if (down) severity = 'critical';
  else if (view.consecutiveFailures > 0) severity = 'warning';
  return { ...view, down, severity };
}

export function httpChecks(snapshot: HttpSnapshot): Assessment<HttpSnapshot> {
  const views = snapshot.checks.map(judgeView);
  const checks: StatusCheck[] = views.map((view) => ({
    id: httpCheckId(view.name),
    label: view.name,
    ...(view.down ? { alert: HTTP_DOWN } : {}),
    severity: view.down ? 'critical' : view.last === null ? 'unknown' : 'ok',
    summary: summaryOf(view),
  }));
  return { snapshot: { ...snapshot, checks: views }, checks };
}

/** "demo-health is down: connection refused … (3 failures in a row)", "answered 200 in 4 ms", "failed 1 of 3: …". */
export function summaryOf(view: HttpCheckView): string {
  const last = view.last;
  if (!last) return `${view.name}: not checked yet`;
  if (view.down) return `${view.name} is down: ${last.detail} (${view.consecutiveFailures} failures in a row)`;
  if (view.consecutiveFailures > 0) return `${view.name} failed ${view.consecutiveFailures} of ${view.failuresBeforeAlert}: ${last.detail}`;
  return `${view.name} ${last.detail}${last.latencyMs !== null ? ` in ${Math.round(last.latencyMs)} ms` : ''}`;
}

/** `http.down` per check that is down, from the assessed snapshot's views. */
export function httpAlertConditions({ snapshot }: Assessment<HttpSnapshot>): AlertCondition[] {
  return snapshot.checks
    .filter((view) => view.down)
    .map((view) => ({
      kind: HTTP_DOWN,
      subject: view.name,
      module: 'http' as const,
      label: view.name,
      summary: summaryOf(view),
      severity: 'critical' as const,
      group: `http:${view.name}`,
      count: view.consecutiveFailures,
    }));
}

import type { HttpSnapshot } from '../../../../shared/types/http';
import { severityRank } from '../../../../shared/types/severity';
import type { Assessment, TrayLine } from '../monitorModule';

/** The tray lists at most this many failing checks (worst first). */
export const MAX_HTTP_TRAY_LINES = 5;

/**
 * "demo-health · down (3 failures)" / "· failing 1 of 3" per check that is not up, worst first;
 * when every check answers, one line "Health checks · 4 up".
 */
export function httpTrayLines({ snapshot, checks }: Assessment<HttpSnapshot>): TrayLine[] {
  if (snapshot.checks.length === 0) return checks.filter((c) => c.severity !== 'ok').map((c) => ({ label: `Health checks — ${c.summary}`, severity: c.severity }));
  const failing = snapshot.checks.filter((view) => view.consecutiveFailures > 0);
  if (failing.length === 0) {
    const checked = snapshot.checks.filter((view) => view.last !== null).length;
    return [{ label: `Health checks · ${checked} of ${snapshot.checks.length} up`, severity: checked === snapshot.checks.length ? 'ok' : 'unknown' }];
  }
  return failing
    .map((view) => ({
      label: view.down ? `${view.name} · down (${view.consecutiveFailures} failures)` : `${view.name} · failing ${view.consecutiveFailures} of ${view.failuresBeforeAlert}`,
      severity: view.severity,
    }))
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity))
    .slice(0, MAX_HTTP_TRAY_LINES);
}

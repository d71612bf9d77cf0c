import type { AlertCondition } from '../../../../shared/types/alerts';
import type { ModelsSnapshot } from '../../../../shared/types/models';
import type { StatusCheck } from '../../../../shared/types/status';
import { alertSeverityOfCheck } from '../../alerts/checkConditions';

/**
 * `model.down` (subject the endpoint URL) and `model.slow` (subject `<url>/<model>`), both in
 * the group `endpoint:<url>`, from the module's checks (whose ids carry the URL).
 */
export function modelAlertConditions(snapshot: ModelsSnapshot, checks: readonly StatusCheck[]): AlertCondition[] {
  const out: AlertCondition[] = [];
  for (const check of checks) {
    const severity = alertSeverityOfCheck(check.severity);
    if (!severity || (check.alert !== 'model.down' && check.alert !== 'model.slow')) continue;
    const subject = check.id.slice(check.alert.length + 1);
    const url = check.alert === 'model.down' ? subject : urlOfModelSubject(snapshot, subject);
    out.push({ kind: check.alert, subject, module: 'models', label: check.label, summary: check.summary, severity, group: `endpoint:${url}` });
  }
  return out;
}

/** The endpoint a `<url>/<model>` subject is about (a model name may itself hold a `/`): the longest listed URL it starts with. */
function urlOfModelSubject(snapshot: ModelsSnapshot, subject: string): string {
  const urls = snapshot.endpoints.map((e) => e.url).filter((url) => subject.startsWith(`${url}/`));
  return urls.sort((a, b) => b.length - a.length)[0] ?? subject;
}

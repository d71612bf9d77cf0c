import type { RunbookSummary } from '../types/runbooks';
import type { StatusCheck } from '../types/status';

/**
 * The runbooks that answer a check in trouble: those whose front-matter `triggers` name the
 * check's alert kind, worst situation first. None for a check that is ok or unknown.
 */
export function runbooksForCheck(check: StatusCheck, runbooks: readonly RunbookSummary[]): RunbookSummary[] {
  if (!check.alert || (check.severity !== 'warning' && check.severity !== 'critical')) return [];
  const rank = (r: RunbookSummary) => ['emergency', 'critical', 'warning', 'info'].indexOf(r.severity ?? 'info');
  return runbooks.filter((r) => r.triggers.includes(check.alert as string)).sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title));
}

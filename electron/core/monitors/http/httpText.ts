import type { HttpCheckView, HttpSnapshot } from '../../../../shared/types/http';

/**
 * `opsbar http` (and the part of `opsbar status`, only when checks are configured): one line per
 * check with its state and what it answered, then the first bytes of a wrong body.
 */
export function httpText(snapshot: HttpSnapshot, purpose: 'status' | 'alone'): string | null {
  if (snapshot.checks.length === 0) {
    return purpose === 'alone' ? 'Health checks: none configured (add http.checks: [{ name, url }] to the config, or see the dashboard\'s Health checks page for suggestions).' : null;
  }
  const lines = ['Health checks:'];
  for (const view of snapshot.checks) lines.push(...checkLines(view));
  return lines.join('\n');
}

function checkLines(view: HttpCheckView): string[] {
  const lines = [`  ${JSON.stringify(view.name)} ${view.url}: ${stateText(view)}`];
  if (view.last?.bodyStart) lines.push(`    body starts: ${view.last.bodyStart}`);
  return lines;
}

function stateText(view: HttpCheckView): string {
  const last = view.last;
  if (!last) return 'not checked yet';
  const latency = last.latencyMs !== null ? `, ${Math.round(last.latencyMs)} ms` : '';
  if (last.outcome === 'up') return `up (${last.detail}${latency})`;
  const count = `${view.consecutiveFailures} of ${view.failuresBeforeAlert} failures`;
  return `${view.down ? 'DOWN' : 'failing'} (${count}): ${last.detail}${latency}`;
}

import type { HttpCheckView } from '../../../../shared/types/http';

/** The state badge's word: Up, Failing (2 of 3), Down, Not checked yet. */
export function checkStateWord(view: HttpCheckView): string {
  if (!view.last) return 'Not checked yet';
  if (view.down) return 'Down';
  if (view.consecutiveFailures > 0) return 'Failing';
  return 'Up';
}

/** "2 of 3" failures in a row before the alert, or "—" when the last attempt was up. */
export function failuresWord(view: HttpCheckView): string {
  return view.consecutiveFailures === 0 ? '—' : `${view.consecutiveFailures} of ${view.failuresBeforeAlert}`;
}

export function latencyWord(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

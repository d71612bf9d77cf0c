import type { Severity } from '../../../shared/types/severity';

/** Critical at or above `critical`, warning at or above `warning`. */
export function atLeast(value: number, warning: number, critical: number): Severity {
  if (value >= critical) return 'critical';
  if (value >= warning) return 'warning';
  return 'ok';
}

/** Critical at or below `critical`, warning at or below `warning`. */
export function atMost(value: number, warning: number, critical: number): Severity {
  if (value <= critical) return 'critical';
  if (value <= warning) return 'warning';
  return 'ok';
}

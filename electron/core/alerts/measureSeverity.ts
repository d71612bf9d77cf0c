import { alertSeverityRank, type AlertMeasure, type AlertSeverity } from '../../../shared/types/alerts';

const LEVELS = ['warning', 'critical', 'emergency'] as const;

/**
 * The severity a reading holds at while an alert fires at `current`: a level at or below
 * `current` holds until the reading has crossed back its threshold by `margin` points (a disk
 * that fired below 15 % free holds at warning until it is at 17 % or more). Levels above
 * `current` need their plain threshold. Null: clear even with the margin.
 */
export function severityWithMargin(measure: AlertMeasure, current: AlertSeverity, margin: number): AlertSeverity | null {
  let held: AlertSeverity | null = null;
  for (const level of LEVELS) {
    const threshold = measure[level];
    if (threshold === undefined) continue;
    const widened = alertSeverityRank(level) <= alertSeverityRank(current) ? margin : 0;
    const holds =
      measure.direction === 'above'
        ? measure.value >= threshold || measure.value > threshold - widened
        : measure.value <= threshold || measure.value < threshold + widened;
    if (holds) held = level;
  }
  return held;
}

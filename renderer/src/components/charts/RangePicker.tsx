/** @jsxRuntime automatic */

export interface TimeRange {
  id: string;
  label: string;
  windowMs: number;
  /** How often the window moves on (re-querying history): finer for short ranges. */
  refreshMs: number;
}

const HOUR_MS = 3_600_000;

/** The ranges history charts offer. */
export const TIME_RANGES: TimeRange[] = [
  { id: '1h', label: '1 h', windowMs: HOUR_MS, refreshMs: 30_000 },
  { id: '24h', label: '24 h', windowMs: 24 * HOUR_MS, refreshMs: 5 * 60_000 },
  { id: '7d', label: '7 d', windowMs: 7 * 24 * HOUR_MS, refreshMs: 30 * 60_000 },
];

/** A row of toggle buttons, one per range; the pressed one is the range shown. */
export function RangePicker({ value, onChange, label = 'History range' }: { value: TimeRange; onChange: (range: TimeRange) => void; label?: string }) {
  return (
    <div className="range-picker" role="group" aria-label={label}>
      {TIME_RANGES.map((range) => (
        <button key={range.id} type="button" aria-pressed={range.id === value.id} onClick={() => onChange(range)}>
          {range.label}
        </button>
      ))}
    </div>
  );
}

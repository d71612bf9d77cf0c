import { formatDuration } from '../format';

/** 30000 → "30 s", 250 → "250 ms", 300000 → "5 min". */
export function formatTimeout(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000 || ms % 60_000 !== 0) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 3_600_000 || ms % 3_600_000 !== 0) return `${ms / 60_000} min`;
  return `${ms / 3_600_000} h`;
}

/** Elapsed between two moments (end defaults to now): "12s", "1m 5s". */
export function formatElapsed(start: number | null, end: number | null, now: number): string {
  if (start === null) return '';
  return formatDuration(((end ?? now) - start) / 1000);
}

/** A wall-clock date and time for run headers: local, to the second. */
export function formatDateTime(at: number | null): string {
  return at === null ? '—' : new Date(at).toLocaleString();
}

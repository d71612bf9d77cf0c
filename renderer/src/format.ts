/** Formatting for the operator's eye: short, unambiguous, never empty ("–" when unknown). */

import { formatBytes as formatBytesDecimal } from '../../shared/format/bytes';

export const UNKNOWN = '—';

/** 1_500_000 → "1.50 MB"; decimal units, the same function the core's check summaries use. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return UNKNOWN;
  return formatBytesDecimal(bytes);
}

/** 42.345 → "42%", 4.25 → "4.3%", 0.04 → "0.04%": more digits only where they matter. */
export function formatPercent(percent: number | null | undefined): string {
  if (percent == null || !Number.isFinite(percent)) return UNKNOWN;
  const abs = Math.abs(percent);
  const digits = abs >= 10 || abs === 0 ? 0 : abs >= 1 ? 1 : 2;
  // "9%" rather than "9.0%": trailing zeros say nothing.
  const text = digits === 0 ? percent.toFixed(0) : percent.toFixed(digits).replace(/0+$/, '').replace(/\.$/, '');
  return `${text}%`;
}

/** 93784 → "1d 2h", 3725 → "1h 2m", 65 → "1m 5s": the two largest units. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return UNKNOWN;
  const s = Math.floor(seconds);
  const parts: Array<[number, string]> = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor((s % 86_400) / 3_600), 'h'],
    [Math.floor((s % 3_600) / 60), 'm'],
    [s % 60, 's'],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first === -1) return '0s';
  return parts
    .slice(first, first + 2)
    .filter(([value], i) => i === 0 || value > 0)
    .map(([value, unit]) => `${value}${unit}`)
    .join(' ');
}

/**
 * A past moment relative to now: "just now", "42s ago", "5 min ago", "3 h ago", "2 d ago". A moment
 * ahead of this clock (the Docker engine's or the server's clock runs ahead) reads "just now":
 * it happened, it did not "happen in the future".
 */
export function formatRelativeTime(at: number | null | undefined, now: number = Date.now()): string {
  if (at == null || !Number.isFinite(at)) return UNKNOWN;
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** Load averages as `uptime` prints them: "1.20 0.85 0.60". */
export function formatLoad(load: readonly number[] | null | undefined): string {
  if (!load || load.length === 0) return UNKNOWN;
  return load.map((value) => (Number.isFinite(value) ? value.toFixed(2) : UNKNOWN)).join(' ');
}

/** A wall-clock time for tooltips: local "HH:MM:SS". */
export function formatClock(at: number): string {
  const d = new Date(at);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** A moment still to come: "in 40s", "in 5 min", "in 2 h" (a pending alert's "fires in …", a retry). */
export function formatTimeUntil(at: number, now: number = Date.now()): string {
  const seconds = Math.max(0, Math.round((at - now) / 1000));
  if (seconds < 5) return 'now';
  if (seconds < 60) return `in ${seconds}s`;
  if (seconds < 3_600) return `in ${Math.ceil(seconds / 60)} min`;
  if (seconds < 86_400) return `in ${Math.round(seconds / 3_600)} h`;
  return `in ${Math.round(seconds / 86_400)} d`;
}

/** A wall-clock time without seconds ("14:03"), with the date when it is not today ("Dec 3 14:03"). */
export function formatClockShort(at: number, now: number = Date.now()): string {
  const d = new Date(at);
  const today = new Date(now);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  if (d.toDateString() === today.toDateString()) return hm;
  return `${d.toLocaleString('en', { month: 'short' })} ${d.getDate()} ${hm}`;
}

import type { Logger } from '../logger';

export interface RecentError {
  at: number;
  level: 'warn' | 'error';
  message: string;
}

// FOUNDATION STUB — the diagnostics helper replaces this file.
/** Wraps a logger and keeps its latest warnings and errors (bounded) for the diagnostics bundle. */
export function recordingLogger(inner: Logger, _now: () => number): { log: Logger; recent(): RecentError[] } {
  return { log: inner, recent: () => [] };
}

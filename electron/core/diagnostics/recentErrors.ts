import type { Logger } from '../logger';
import { redactText } from './redactSecrets';

export interface RecentError {
  at: number;
  level: 'warn' | 'error';
  message: string;
}

/** The latest warnings and errors kept; older ones drop off. */
export const RECENT_ERRORS_LIMIT = 200;
/** A message is cut here: a stack trace or an engine's answer can be long. */
export const RECENT_ERROR_MAX_CHARS = 2048;

function kept(message: string): string {
  // Redacted before cutting: a cut could split a secret into a shape no rule recognises.
  const clean = redactText(String(message));
  return clean.length <= RECENT_ERROR_MAX_CHARS ? clean : `${clean.slice(0, RECENT_ERROR_MAX_CHARS - 1)}…`;
}

/**
 * Wraps a logger and keeps its latest warnings and errors (a ring of 200, each at most 2 KiB,
 * secrets removed) for the diagnostics bundle. Everything still reaches the inner logger.
 */
export function recordingLogger(inner: Logger, now: () => number): { log: Logger; recent(): RecentError[] } {
  const ring: RecentError[] = [];
  let next = 0;
  const record = (level: RecentError['level'], message: string) => {
    const entry = { at: now(), level, message: kept(message) };
    if (ring.length < RECENT_ERRORS_LIMIT) ring.push(entry);
    else ring[next] = entry;
    next = (next + 1) % RECENT_ERRORS_LIMIT;
  };
  const log: Logger = {
    info: (m) => inner.info(m),
    warn: (m) => {
      record('warn', m);
      inner.warn(m);
    },
    error: (m) => {
      record('error', m);
      inner.error(m);
    },
  };
  return {
    log,
    /** Newest first. */
    recent: () => {
      const oldestFirst = ring.length < RECENT_ERRORS_LIMIT ? ring : [...ring.slice(next), ...ring.slice(0, next)];
      return oldestFirst.map((e) => ({ ...e })).reverse();
    },
  };
}

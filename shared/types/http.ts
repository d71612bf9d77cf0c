import type { Severity } from './severity';

/** What one attempt of an HTTP health check saw. */
export type HttpCheckOutcome =
  /** The status (and body, when expected) matched. */
  | 'up'
  /** Answered, but with another status or body than expected. */
  | 'wrong-answer'
  /** Redirected (3xx) where another status was expected: the Location is said, never followed. */
  | 'redirect'
  /** The TLS handshake failed (expired, self-signed, wrong host name): the reason is said. */
  | 'tls-error'
  /** Nothing listens, the name does not resolve, the connection was reset. */
  | 'unreachable'
  /** No answer within `timeoutMs`. */
  | 'timeout';

/** One HTTP health check as the status shows it. */
export interface HttpCheckView {
  /** The check's name from the config (unique). */
  name: string;
  /** The URL with any user:password or secret-looking query values redacted. */
  url: string;
  expectStatus: number;
  /** The last attempt; null before the first. */
  last: {
    at: number;
    outcome: HttpCheckOutcome;
    /** HTTP status code; null when there was no answer. */
    status: number | null;
    latencyMs: number | null;
    /** In words: "answered 503, expected 200", "certificate has expired (CERT_HAS_EXPIRED)", "redirects to https://… (301)". */
    detail: string;
    /** The first bytes of a body that did not match (at most 200 characters, control characters removed). */
    bodyStart: string | null;
  } | null;
  /** Failures in a row (0 when the last attempt was up). */
  consecutiveFailures: number;
  failuresBeforeAlert: number;
  /** Down: `consecutiveFailures >= failuresBeforeAlert`. */
  down: boolean;
  /** When the check last changed between up and down (null before). */
  since: number | null;
  severity: Severity;
}

export interface HttpSnapshot {
  at: number;
  checks: HttpCheckView[];
}

/** A check Opsbar proposes (a model endpoint, a container port answering /health); added by the operator. */
export interface HttpCheckSuggestion {
  name: string;
  url: string;
  expectStatus: number;
  /** Why it is suggested: "Ollama endpoint", "container demo-api publishes 8080 and answers /health with 200". */
  reason: string;
  /** A check with this URL is already configured. */
  configured: boolean;
}

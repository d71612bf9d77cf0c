/** Every answer across IPC or HTTP is an envelope: a value, or an error a user can act on. */
/**
 * `refused`: a valid request the core declines for a reason the operator can act on (a runbook
 * changed since it was shown, a command for a step that is not the current one).
 * `not_found`: the named thing (runbook, run) does not exist.
 */
export type ApiErrorCode = 'bad_request' | 'unknown_method' | 'forbidden' | 'not_found' | 'refused' | 'unavailable' | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function okEnvelope<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function errorEnvelope(code: ApiErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

/** Every answer across IPC or HTTP is an envelope: a value, or an error a user can act on. */
export type ApiErrorCode = 'bad_request' | 'unknown_method' | 'forbidden' | 'unavailable' | 'internal';

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

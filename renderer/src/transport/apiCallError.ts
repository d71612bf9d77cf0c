import type { ApiError, Envelope } from '../../../shared/api/envelope';

/** A failed API call, carrying the envelope's error code and its operator-readable message. */
export class ApiCallError extends Error {
  readonly code: ApiError['code'] | 'unauthorized' | 'network';

  constructor(code: ApiCallError['code'], message: string) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
  }
}

export const SESSION_EXPIRED_MESSAGE = 'Session expired. Open the link printed by `opsbar serve` again.';

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const candidate = value as { ok: unknown; error?: unknown };
  if (candidate.ok === true) return 'value' in candidate;
  return candidate.ok === false && typeof candidate.error === 'object' && candidate.error !== null;
}

/** Envelope → value, or a thrown ApiCallError; anything that is not an envelope is a protocol error. */
export function unwrapEnvelope<T>(method: string, envelope: unknown): T {
  if (!isEnvelope(envelope)) throw new ApiCallError('internal', `${method}: the answer was not an API envelope.`);
  if (envelope.ok) return envelope.value as T;
  const { code, message } = envelope.error;
  throw new ApiCallError(code ?? 'internal', typeof message === 'string' ? message : `${method} failed.`);
}

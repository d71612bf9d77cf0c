/**
 * A valid request the core declines for a reason the operator can act on. The API answers it
 * as a `refused` envelope with this message, never as an internal error.
 */
export class RefusedError extends Error {
  override readonly name: string = 'RefusedError';
}

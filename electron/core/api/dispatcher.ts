import type { z } from 'zod';
import {
  apiContract,
  isApiMethod,
  type ApiMethod,
  type ApiParsedPayload,
  type ApiResult,
} from '../../../shared/api/contract';
import { errorEnvelope, okEnvelope, type Envelope } from '../../../shared/api/envelope';
import { RefusedError } from '../refusedError';

/** Who made a call, as the transport knows it (IPC: the app's window; HTTP: the dashboard). The audit log records it. */
export type ApiCaller = 'app' | 'dashboard' | 'cli';

export interface CallContext {
  caller: ApiCaller;
}

/** The handler table: one function per contract method, receiving a validated payload (and who called; the dispatcher always passes it). */
export type ApiHandlers = {
  [M in ApiMethod]: (payload: ApiParsedPayload<M>, context?: CallContext) => ApiResult<M> | Promise<ApiResult<M>>;
};

/** One checkpoint for every transport: unknown names, bad payloads and thrown errors become envelopes. */
export type ApiDispatcher = (method: unknown, payload: unknown, context?: CallContext) => Promise<Envelope<unknown>>;

/** Thrown by a handler when a part it needs is missing (Docker down…): not a bug, a state. */
export class UnavailableError extends Error {}

/** Thrown when the named runbook, run… does not exist. */
export class NotFoundError extends Error {}

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'payload'}: ${issue.message}`)
    .join('; ');
}

export function createApiDispatcher(handlers: ApiHandlers, onInternalError?: (method: string, error: unknown) => void): ApiDispatcher {
  return async (method, payload, context = { caller: 'app' }) => {
    if (!isApiMethod(method)) {
      return errorEnvelope('unknown_method', `Unknown method ${JSON.stringify(String(method).slice(0, 80))}.`);
    }
    const parsed = apiContract[method].payload.safeParse(payload ?? {});
    if (!parsed.success) return errorEnvelope('bad_request', `Invalid payload for ${method}: ${describeZodError(parsed.error)}`);
    try {
      const handler = handlers[method] as (p: unknown, c: CallContext) => unknown;
      return okEnvelope(await handler(parsed.data, context));
    } catch (error) {
      if (error instanceof UnavailableError) return errorEnvelope('unavailable', error.message);
      if (error instanceof NotFoundError) return errorEnvelope('not_found', error.message);
      if (error instanceof RefusedError) return errorEnvelope('refused', error.message);
      onInternalError?.(method, error);
      return errorEnvelope('internal', `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

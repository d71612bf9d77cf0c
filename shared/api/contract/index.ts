import type { z } from 'zod';
import { API_METHOD_NAMES, type ApiMethodName } from '../methodNames';
import { actionMethods } from './actions';
import { alertMethods } from './alerts';
import { auditMethods } from './audit';
import { diagnosticsMethods } from './diagnostics';
import { dockerMethods } from './docker';
import { gpuMethods } from './gpu';
import { historyMethods } from './history';
import { httpMethods } from './http';
import { incidentMethods } from './incidents';
import { logMethods } from './logs';
import { modelMethods } from './models';
import { notificationMethods } from './notifications';
import { runbookMethods } from './runbooks';
import { settingsMethods } from './settings';
import { setupMethods } from './setup';
import { statusMethods } from './status';

export { seriesNameSchema } from './history';
export { runbookIdSchema } from './runbooks';

/**
 * The one API between UI and core, split by feature (one file each). Each method has a payload
 * schema (checked at the boundary, for IPC and HTTP alike) and a result type. Adding a call is
 * adding a line to its feature's file and a handler in the core's handler table; the type
 * checker finds the rest.
 */
export const apiContract = {
  ...statusMethods,
  ...dockerMethods,
  ...gpuMethods,
  ...modelMethods,
  ...historyMethods,
  ...settingsMethods,
  ...runbookMethods,
  ...alertMethods,
  ...incidentMethods,
  ...notificationMethods,
  ...auditMethods,
  ...actionMethods,
  ...logMethods,
  ...httpMethods,
  ...setupMethods,
  ...diagnosticsMethods,
} as const;

export type ApiContract = typeof apiContract;
export type ApiMethod = keyof ApiContract;
export const API_METHODS: readonly ApiMethod[] = API_METHOD_NAMES;

// Compile-time proof that the zod-free name list and the contract name the same methods.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _namesMatchContract: Same<ApiMethod, ApiMethodName> = true;
void _namesMatchContract;

/** What a caller passes (defaults may be left out). */
export type ApiPayload<M extends ApiMethod> = z.input<ApiContract[M]['payload']>;
/** What a handler receives (defaults filled in, validated). */
export type ApiParsedPayload<M extends ApiMethod> = z.output<ApiContract[M]['payload']>;
export type ApiResult<M extends ApiMethod> = ApiContract[M]['result'];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(apiContract, name);
}

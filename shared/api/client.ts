import type { ApiMethod, ApiPayload, ApiResult } from './contract';
import type { LiveMessage } from './live';

/** What the renderer (or any UI) holds: call a method, or listen to live messages. */
export interface OpsbarClient {
  call<M extends ApiMethod>(method: M, payload: ApiPayload<M>): Promise<ApiResult<M>>;
  subscribe(listener: (message: LiveMessage) => void): () => void;
}

/**
 * The global the Electron preload exposes (`window.opsbar`). Calls resolve to envelopes,
 * which the renderer's transport unwraps; the preload itself holds no logic.
 */
export interface OpsbarBridge {
  call(method: string, payload: unknown): Promise<unknown>;
  subscribe(listener: (message: LiveMessage) => void): () => void;
}

export const BRIDGE_GLOBAL = 'opsbar';
/** Electron IPC channels: one request channel, one push channel. */
export const IPC_CALL_CHANNEL = 'opsbar:call';
export const IPC_LIVE_CHANNEL = 'opsbar:live';

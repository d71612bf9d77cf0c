import { BRIDGE_GLOBAL, type OpsbarBridge } from '../../../shared/api/client';
import { createBridgeTransport } from './bridgeTransport';
import { createHttpTransport } from './httpTransport';
import type { Transport } from './transport';

function isBridge(value: unknown): value is OpsbarBridge {
  const candidate = value as Partial<OpsbarBridge> | undefined;
  return typeof candidate?.call === 'function' && typeof candidate.subscribe === 'function';
}

/** Electron's preload global when present; otherwise HTTP + SSE on the page's own origin. */
export function createTransport(win: Window & typeof globalThis = window): Transport {
  const bridge = (win as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (isBridge(bridge)) return createBridgeTransport(bridge);
  return createHttpTransport({
    fetch: win.fetch.bind(win),
    openEventSource: (url) => new win.EventSource(url, { withCredentials: true }),
  });
}

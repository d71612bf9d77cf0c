import type { OpsbarBridge, OpsbarClient } from '../../../shared/api/client';
import { unwrapEnvelope } from './apiCallError';
import { ConnectionStore } from './connection';
import type { Transport } from './transport';

/** Inside Electron: the preload's `window.opsbar` answers envelopes over IPC; always connected. */
export function createBridgeTransport(bridge: OpsbarBridge): Transport {
  const client: OpsbarClient = {
    async call(method, payload) {
      return unwrapEnvelope(method, await bridge.call(method, payload));
    },
    subscribe(listener) {
      return bridge.subscribe(listener);
    },
  };
  return { kind: 'electron', client, connection: new ConnectionStore('connected') };
}

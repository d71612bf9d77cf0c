import { IPC_CALL_CHANNEL, IPC_LIVE_CHANNEL, type OpsbarBridge } from '../../shared/api/client';
import { LIVE_MESSAGE_TYPES, type LiveMessage } from '../../shared/api/live';

/** The slice of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function isLiveMessage(value: unknown): value is LiveMessage {
  return typeof value === 'object' && value !== null && (LIVE_MESSAGE_TYPES as readonly unknown[]).includes((value as { type?: unknown }).type);
}

/**
 * What the preload exposes as `window.opsbar`: two functions, no Electron objects. The IPC
 * event never reaches the page (it carries `sender`, i.e. ipcRenderer); only the message does.
 */
export function createBridge(ipc: IpcRendererLike, methods: readonly string[]): OpsbarBridge {
  const known = new Set(methods);
  const listeners = new Set<(message: LiveMessage) => void>();
  const onLive = (_event: unknown, message: unknown) => {
    if (!isLiveMessage(message)) return;
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch (error) {
        console.error('opsbar: a live listener threw', error);
      }
    }
  };

  return {
    call(method: string, payload: unknown): Promise<unknown> {
      if (typeof method !== 'string' || !known.has(method)) {
        return Promise.reject(new Error(`Unknown Opsbar method ${JSON.stringify(String(method).slice(0, 80))}.`));
      }
      return ipc.invoke(IPC_CALL_CHANNEL, method, payload ?? {});
    },
    subscribe(listener: (message: LiveMessage) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('subscribe needs a function');
      // One IPC listener for all page listeners, attached only while someone listens.
      if (listeners.size === 0) ipc.on(IPC_LIVE_CHANNEL, onLive);
      listeners.add(listener);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        listeners.delete(listener);
        if (listeners.size === 0) ipc.removeListener(IPC_LIVE_CHANNEL, onLive);
      };
    },
  };
}

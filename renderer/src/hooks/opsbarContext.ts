import { createContext, useContext, useSyncExternalStore } from 'react';
import type { OpsbarClient } from '../../../shared/api/client';
import type { ConnectionState, Transport } from '../transport';

/** The transport the app runs on, provided once at the root (tests provide a fake). */
export const OpsbarContext = createContext<Transport | null>(null);

export function useTransport(): Transport {
  const transport = useContext(OpsbarContext);
  if (!transport) throw new Error('useTransport() outside <OpsbarContext.Provider>');
  return transport;
}

export function useClient(): OpsbarClient {
  return useTransport().client;
}

export function useConnection(): ConnectionState {
  const { connection } = useTransport();
  return useSyncExternalStore(
    (listener) => connection.subscribe(listener),
    () => connection.get(),
  );
}

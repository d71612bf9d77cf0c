import { useEffect, useRef } from 'react';
import type { LiveMessage } from '../../../shared/api/live';
import { useClient } from './opsbarContext';

/** Calls `onMessage` for every live message while mounted; the latest callback is always used. */
export function useLiveMessages(onMessage: (message: LiveMessage) => void): void {
  const client = useClient();
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => client.subscribe((message) => handler.current(message)), [client]);
}

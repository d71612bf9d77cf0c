import type { OpsbarClient } from '../../../shared/api/client';
import type { ConnectionMonitor } from './connection';

/** What the app runs on: a client for calls and live messages, and the live link's state. */
export interface Transport {
  kind: 'electron' | 'http';
  client: OpsbarClient;
  connection: ConnectionMonitor;
}

export { ApiCallError, SESSION_EXPIRED_MESSAGE } from './apiCallError';
export { ConnectionStore, type ConnectionMonitor, type ConnectionState, type ConnectionStatus } from './connection';
export { createBridgeTransport } from './bridgeTransport';
export { createHttpTransport, type EventSourceLike, type HttpTransportOptions } from './httpTransport';
export { createTransport } from './createTransport';
export type { Transport } from './transport';

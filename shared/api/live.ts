import type { OpsEvent } from '../types/events';
import type { StatusSnapshot } from '../types/status';

/** Pushed from core to UI: a fresh status, or an event as it happens. */
export type LiveMessage = { type: 'status'; status: StatusSnapshot } | { type: 'event'; event: OpsEvent };

export const LIVE_MESSAGE_TYPES = ['status', 'event'] as const;

import type { OpsEvent } from '../types/events';
import type { RunDetail, RunOutputChunk } from '../types/runbooks';
import type { StatusSnapshot } from '../types/status';

/**
 * Pushed from core to UI: a fresh status, an event as it happens, a runbook run that changed
 * state, or live output of a running step (bounded per message).
 */
export type LiveMessage =
  | { type: 'status'; status: StatusSnapshot }
  | { type: 'event'; event: OpsEvent }
  | { type: 'run'; run: RunDetail }
  | { type: 'run-output'; chunk: RunOutputChunk };

export const LIVE_MESSAGE_TYPES = ['status', 'event', 'run', 'run-output'] as const;

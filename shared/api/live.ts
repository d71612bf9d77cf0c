import type { OpsEvent } from '../types/events';
import type { RunDetail, RunOutputChunk } from '../types/runbooks';
import type { ModuleId, ModuleSnapshots, StatusHead } from '../types/status';

/**
 * Pushed from core to UI: a status change (the head, and only the module snapshots that
 * changed since the last message), an event as it happens, a runbook run that changed state,
 * or live output of a running step (bounded per message).
 */
export type LiveMessage =
  | {
      type: 'status';
      head: StatusHead;
      modules: Partial<ModuleSnapshots>;
      /** Every module is in `modules` (the first message of a stream). */
      full: boolean;
      /** When each module last read its subject, also those left out because nothing else changed ("updated 2 s ago"). */
      readAt: Partial<Record<ModuleId, number>>;
    }
  | { type: 'event'; event: OpsEvent }
  | { type: 'run'; run: RunDetail }
  | { type: 'run-output'; chunk: RunOutputChunk };

export const LIVE_MESSAGE_TYPES = ['status', 'event', 'run', 'run-output'] as const;

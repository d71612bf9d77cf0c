import type { LiveMessage } from '../api/live';
import type { StatusSnapshot } from '../types/status';

type StatusMessage = Extract<LiveMessage, { type: 'status' }>;

/**
 * A full status from the one held and a live status message (head + changed modules). Without
 * a full status to start from, only a `full` message (every module) can make one; else null.
 * An older message than the status held changes nothing.
 */
export function applyStatusChange(current: StatusSnapshot | null, message: StatusMessage): StatusSnapshot | null {
  if (current && current.at > message.head.at) return current;
  if (!current && !message.full) return null;
  const { at, overall, checks, maintenance } = message.head;
  const next = { ...(current as StatusSnapshot), ...message.modules, at, overall, checks, maintenance } as StatusSnapshot;
  // A module left out changed nothing but was read again: only its time moves.
  const modules = next as unknown as Record<string, { at?: number } | null>;
  for (const [id, readAt] of Object.entries(message.readAt ?? {})) {
    const snapshot = modules[id];
    if (snapshot && !(id in message.modules) && typeof readAt === 'number' && readAt !== snapshot.at) modules[id] = { ...snapshot, at: readAt };
  }
  return next;
}

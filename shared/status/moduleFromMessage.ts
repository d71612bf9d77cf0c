import type { LiveMessage } from '../api/live';
import type { ModuleId, ModuleSnapshots } from '../types/status';

type StatusMessage = Extract<LiveMessage, { type: 'status' }>;

/**
 * One module's snapshot after a live status message: the new one when the message carries it,
 * else the one held with its read time moved on (nothing else changed). Older news changes nothing.
 */
export function moduleFromMessage<Id extends ModuleId>(current: ModuleSnapshots[Id] | null | undefined, message: StatusMessage, id: Id): ModuleSnapshots[Id] | null | undefined {
  const next = message.modules[id] as ModuleSnapshots[Id] | undefined;
  const held = current as { at: number } | null | undefined;
  if (next) return held && held.at > (next as { at: number }).at ? current : next;
  const readAt = message.readAt?.[id];
  if (held && typeof readAt === 'number' && readAt > held.at) return { ...held, at: readAt } as ModuleSnapshots[Id];
  return current;
}

import type { LiveMessage } from '../../../shared/api/live';
import type { ModuleId, ModuleSnapshots, StatusHead, StatusSnapshot } from '../../../shared/types/status';

type StatusMessage = Extract<LiveMessage, { type: 'status' }>;

/** The head and the module snapshots of a status, apart. */
export function splitStatus(status: StatusSnapshot): { head: StatusHead; modules: ModuleSnapshots } {
  const { at, overall, checks, maintenance, ...modules } = status;
  return { head: { at, overall, checks, ...(maintenance ? { maintenance } : {}) }, modules };
}

/** A live message that carries the whole status (the first one a new subscriber gets). */
export function fullStatusMessage(status: StatusSnapshot): StatusMessage {
  const { head, modules } = splitStatus(status);
  return { type: 'status', head, modules, full: true, readAt: readTimes(modules) };
}

function readTimes(modules: ModuleSnapshots): Partial<Record<ModuleId, number>> {
  const times: Partial<Record<ModuleId, number>> = {};
  for (const [id, snapshot] of Object.entries(modules) as [ModuleId, { at?: number } | null][]) if (typeof snapshot?.at === 'number') times[id] = snapshot.at;
  return times;
}

// What an observer sees: a new timestamp alone is not news.
function fingerprint(value: unknown): string {
  if (value && typeof value === 'object' && 'at' in value) return JSON.stringify({ ...value, at: 0 });
  return JSON.stringify(value ?? null);
}

/**
 * Turns each new status into the live message to send, or null when nothing an observer sees
 * changed. A message carries the head (overall, checks) and only the module snapshots that
 * changed; a snapshot object seen before is not even serialised again.
 */
export class StatusChanges {
  private readonly seen = new Map<string, { snapshot: unknown; fingerprint: string }>();
  private lastHead = '';

  next(status: StatusSnapshot): StatusMessage | null {
    const { head, modules } = splitStatus(status);
    const changed: Partial<Record<ModuleId, unknown>> = {};
    let any = false;
    for (const [id, snapshot] of Object.entries(modules)) {
      const before = this.seen.get(id);
      if (before?.snapshot === snapshot) continue;
      const print = fingerprint(snapshot);
      this.seen.set(id, { snapshot, fingerprint: print });
      if (before?.fingerprint === print) continue;
      changed[id as ModuleId] = snapshot;
      any = true;
    }
    const headPrint = JSON.stringify({ overall: head.overall, checks: head.checks, maintenance: head.maintenance ?? null });
    if (!any && headPrint === this.lastHead) return null;
    this.lastHead = headPrint;
    return { type: 'status', head, modules: changed as Partial<ModuleSnapshots>, full: false, readAt: readTimes(modules) };
  }
}

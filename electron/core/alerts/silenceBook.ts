import type { NewSilence, Silence } from '../../../shared/types/alerts';
import type { AuditEntry } from '../store/auditLog';
import type { AlertStateLog } from '../store/alertStateLog';

/** Another process's silence is seen at the latest this long after it was written, even if data_version is unreliable. */
const REREAD_MS = 5_000;

export interface SilenceBookDeps {
  store(): AlertStateLog;
  now(): number;
  audit(entry: AuditEntry): void;
}

/**
 * Silences in the `silences` table, cached: re-read when the file changed under another
 * connection (`PRAGMA data_version`, e.g. `opsbar silence` from the CLI), when the store moved,
 * or every few seconds. Adding and removing write audit rows.
 */
export class SilenceBook {
  private cache: Silence[] = [];
  private readFrom: AlertStateLog | null = null;
  private version = -1;
  private readAt = 0;

  constructor(private readonly deps: SilenceBookDeps) {}

  list(): Silence[] {
    const now = this.deps.now();
    this.refresh(now);
    return this.cache.filter((s) => s.until > now);
  }

  add(input: NewSilence): Silence {
    const now = this.deps.now();
    const silence = this.deps.store().addSilence(input, now);
    this.readFrom = null;
    this.deps.audit({
      at: now,
      actor: input.createdBy,
      action: 'silence.add',
      target: `${input.kind}:${input.subject ?? '*'}`,
      outcome: 'succeeded',
      details: { id: silence.id, kind: input.kind, subject: input.subject, until: input.until, reason: input.reason },
    });
    return silence;
  }

  remove(id: number, by: string): boolean {
    const now = this.deps.now();
    const known = this.list().find((s) => s.id === id);
    const removed = this.deps.store().removeSilence(id, now);
    this.readFrom = null;
    if (removed) {
      const target = known ? `${known.kind}:${known.subject ?? '*'}` : `silence:${id}`;
      this.deps.audit({ at: now, actor: by, action: 'silence.remove', target, outcome: 'succeeded', details: { id } });
    }
    return removed;
  }

  /** The active silence covering kind and subject (one for every subject of the kind matches too); the longest first. */
  matching(kind: string, subject: string): Silence | null {
    const found = this.list().filter((s) => s.kind === kind && (s.subject === null || s.subject === subject));
    return found.sort((a, b) => b.until - a.until)[0] ?? null;
  }

  private refresh(now: number): void {
    const store = this.deps.store();
    const version = store.dataVersion();
    if (store === this.readFrom && version === this.version && now - this.readAt < REREAD_MS) return;
    this.cache = store.silencesActiveAt(now);
    this.readFrom = store;
    this.version = version;
    this.readAt = now;
  }
}

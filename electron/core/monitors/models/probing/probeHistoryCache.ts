/**
 * What the snapshot shows of each (endpoint, model)'s stored probes — the newest one and the
 * decode rates of the newest two that have one — read from the store once and then kept in
 * memory, since the collector asks for every model every 15 s. A probe whose write fails (disk
 * full) still becomes the shown one; the failure is logged once until a write succeeds again.
 */
import type { ModelProbeRecord } from '../../../../../shared/types/models';
import type { Logger } from '../../../logger';
import type { ModelProbeReader } from '../../../store/modelProbeLog';

export interface ProbeHistoryStore {
  /** The stored probes to read, or null when there are none to read (no history file yet). */
  reader(): ModelProbeReader | null;
  /** Writes one probe; may throw (the disk refused it). */
  add(record: ModelProbeRecord): void;
}

export interface ProbeHistoryView {
  last: ModelProbeRecord | null;
  /** Newest first, at most 2. */
  recentDecode: number[];
}

const key = (endpoint: string, model: string) => `${endpoint}\u0000${model}`;

export class ProbeHistoryCache {
  private readonly views = new Map<string, ProbeHistoryView>();
  private writeFailing = false;
  private readFailing = false;

  constructor(
    private readonly store: ProbeHistoryStore,
    private readonly log: Logger,
  ) {}

  view(endpoint: string, model: string): ProbeHistoryView {
    const k = key(endpoint, model);
    const cached = this.views.get(k);
    if (cached) return cached;
    const read = this.read(endpoint, model);
    // A failed read is tried again next time, not remembered as "never probed".
    if (read) this.views.set(k, read);
    return read ?? { last: null, recentDecode: [] };
  }

  /** Stores the probe (never throws) and makes it the one shown. */
  remember(record: ModelProbeRecord): void {
    try {
      this.store.add(record);
      this.writeFailing = false;
    } catch (error) {
      if (!this.writeFailing) this.log.warn(`The probe of ${record.model} on ${record.endpoint} was measured but not saved to the history (${(error as Error).message}); it is shown until Opsbar stops.`);
      this.writeFailing = true;
    }
    const before = this.view(record.endpoint, record.model);
    const decode = record.decodeTokensPerSecond;
    this.views.set(key(record.endpoint, record.model), {
      last: record,
      recentDecode: decode === null ? before.recentDecode : [decode, ...before.recentDecode].slice(0, 2),
    });
  }

  private read(endpoint: string, model: string): ProbeHistoryView | null {
    try {
      const reader = this.store.reader();
      if (!reader) return { last: null, recentDecode: [] };
      const recentDecode = reader.lastTwo(endpoint, model).map((r) => r.decodeTokensPerSecond as number);
      this.readFailing = false;
      return { last: reader.latest(endpoint, model), recentDecode };
    } catch (error) {
      if (!this.readFailing) this.log.warn(`Could not read the stored probes of ${model} on ${endpoint}: ${(error as Error).message}`);
      this.readFailing = true;
      return null;
    }
  }
}

import type { KeptItem, PlanItem } from '../../../../shared/types/actions';
import type { ExecutionContext, ItemResult } from '../actionPlugin';
import { withDeadline } from '../docker/dockerAdmin';

/** What one source of candidates found: items to plan, what it keeps and why, and notes. */
export interface CandidateSet {
  items: PlanItem[];
  kept: KeptItem[];
  notes: string[];
}

export function emptyCandidates(): CandidateSet {
  return { items: [], kept: [], notes: [] };
}

export function mergeCandidates(into: CandidateSet, from: CandidateSet): CandidateSet {
  into.items.push(...from.items);
  into.kept.push(...from.kept);
  into.notes.push(...from.notes);
  return into;
}

/** Kept entries per kind before the rest are summed up in one line: the plan view stays readable on a big host. */
export const KEPT_PER_KIND = 500;

/** Bounds the kept list: every kind keeps its first KEPT_PER_KIND entries and one "… and N more" line. */
export function boundKept(kept: readonly KeptItem[]): KeptItem[] {
  const byKind = new Map<string, KeptItem[]>();
  for (const entry of kept) {
    const list = byKind.get(entry.kind) ?? [];
    list.push(entry);
    byKind.set(entry.kind, list);
  }
  const out: KeptItem[] = [];
  for (const [kind, list] of byKind) {
    out.push(...list.slice(0, KEPT_PER_KIND));
    if (list.length > KEPT_PER_KIND) {
      const more = list.length - KEPT_PER_KIND;
      out.push({ id: `${kind}:more`, kind, name: `${more} more`, reason: `${more} more of this kind seen and kept (not listed one by one)` });
    }
  }
  return out;
}

/** A skipped item: what changed since the plan, so nothing else is acted on in its place. */
export function skipped(detail: string): ItemResult {
  return { outcome: 'skipped', detail: `changed since the plan: ${detail}` };
}

/** One external call with the run's deadline and cancel signal. */
export function call<T>(context: ExecutionContext, what: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return withDeadline(what, context.callTimeoutMs, context.signal, run);
}

/** The Engine API answered 404: the object is gone. */
export function isNotFound(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 404;
}

/** The Engine API answered 409: it will not do this without force. */
export function isConflict(error: unknown): boolean {
  return (error as { statusCode?: number }).statusCode === 409;
}

/** The engine's own message (`json.message`), else the error's. */
export function engineMessage(error: unknown): string {
  const json = (error as { json?: { message?: string } }).json;
  return json?.message ?? (error as Error).message;
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

export function daysAgo(ms: number, now: number): string {
  const days = Math.floor((now - ms) / 86_400_000);
  return days <= 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
}

export const DAY_MS = 86_400_000;

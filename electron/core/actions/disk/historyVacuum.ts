import { formatBytes } from '../../../../shared/format/bytes';
import type { PlanItem } from '../../../../shared/types/actions';
import type { ActionDeps, ItemResult } from '../actionPlugin';
import type { CandidateSet } from './diskItems';
import { emptyCandidates } from './diskItems';

/** Opsbar's own history: retention now (the settings' retention) and the file's free pages handed back. */
export function planHistory(deps: ActionDeps): CandidateSet {
  const out = emptyCandidates();
  if (!deps.settings().emergency.disk.history) return out;
  let free;
  try {
    free = deps.store().freePages();
  } catch (error) {
    out.notes.push(`Opsbar's history was not planned: ${(error as Error).message}.`);
    return out;
  }
  const bytes = free.pages * free.pageSize;
  out.items.push({
    id: 'history:vacuum',
    kind: 'history.vacuum',
    name: "Opsbar's history",
    bytes,
    reason: `retention now (history older than the retention settings goes) and ${free.pages} free page(s) (${formatBytes(bytes)}) handed back; what retention deletes is not known before`,
    selected: true,
    facts: { pageSize: free.pageSize },
  });
  return out;
}

/** Runs retention, then an incremental vacuum; freed bytes are the pages given back. */
export function vacuumHistory(item: PlanItem, deps: ActionDeps): ItemResult {
  const store = deps.store();
  if (!store.health().writable) return { outcome: 'skipped', detail: "Opsbar's history is not being saved to its file right now; nothing to vacuum" };
  // Measured as the file's pages before and after: retention vacuums by itself when it deleted rows.
  const before = store.freePages().pageCount;
  const { deletedRows } = store.runRetention(deps.settings().retention, deps.clock.now());
  store.vacuumFreePages();
  const after = store.freePages();
  const pages = Math.max(0, before - after.pageCount);
  const bytes = pages * after.pageSize;
  return { outcome: 'done', detail: `retention deleted ${deletedRows} row(s); ${pages} page(s) (${formatBytes(bytes)}) handed back`, bytes };
}

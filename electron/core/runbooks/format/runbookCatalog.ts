import type { Runbook, RunbookLibraryView } from '../../../../shared/types/runbooks';

/**
 * The loaded runbook library (built-in folder + the user's folder). `refresh()` re-reads the
 * files; a run re-reads before it starts so the hash it pins is the file on disk.
 */
export interface RunbookCatalog {
  view(): RunbookLibraryView;
  /** A valid runbook by id (undefined when unknown or invalid). */
  get(id: string): Runbook | undefined;
  /** Re-reads both folders (cheap: a few small files). */
  refresh(): void;
}

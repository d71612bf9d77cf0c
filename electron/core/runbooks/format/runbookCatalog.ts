import {
  RUNBOOK_CATEGORIES,
  type InvalidRunbook,
  type Runbook,
  type RunbookLibraryView,
  type RunbookSummary,
} from '../../../../shared/types/runbooks';
import type { Logger } from '../../logger';
import type { StepKindRegistry } from '../steps/registry';
import { checkLibrary } from './libraryChecks';
import { readRunbookFolder } from './runbookFolder';

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

export interface RunbookCatalogOptions {
  builtinDir: string;
  /** The user's folder (`runbooks.directory` in config.yaml); null when none is configured. */
  userDir: string | null;
  kinds: StepKindRegistry;
  log?: Logger;
}

/** The summary a list shows: everything but params, intro and steps. */
export function summarize(runbook: Runbook): RunbookSummary {
  const { id, title, category, severity, estimatedMinutes, triggers, schedule, origin, file, hash, stepCount, executableSteps, needsOperator, description } = runbook;
  return { id, title, category, severity, estimatedMinutes, triggers: [...triggers], schedule, origin, file, hash, stepCount, executableSteps, needsOperator, description };
}

const categoryRank = (runbook: Runbook) => RUNBOOK_CATEGORIES.indexOf(runbook.category);

/** Reads both folders now and on every `refresh()`; `view()` and `get()` answer from that load. */
export function createRunbookCatalog(options: RunbookCatalogOptions): RunbookCatalog {
  const { builtinDir, userDir, kinds, log } = options;
  let byId = new Map<string, Runbook>();
  let view: RunbookLibraryView = { runbooks: [], invalid: [], directories: { builtin: builtinDir, user: userDir } };

  const load = () => {
    const folders = [{ dir: builtinDir, origin: 'builtin' as const }, ...(userDir === null ? [] : [{ dir: userDir, origin: 'user' as const }])];
    const reads = folders.map(({ dir, origin }) => ({ dir, origin, ...readRunbookFolder(dir, origin, kinds) }));
    const library = checkLibrary(reads.flatMap((read) => read.files));
    const folderProblems: InvalidRunbook[] = reads
      .filter((read) => read.problem !== null)
      .map((read) => ({ file: read.dir, origin: read.origin, id: null, problems: [{ file: read.dir, line: 0, message: read.problem! }] }));
    // Invalid files in load order: built-ins first, then the user's, each by file name.
    const invalid = [...folderProblems, ...library.invalid].sort((a, b) => (a.origin === b.origin ? (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) : a.origin === 'builtin' ? -1 : 1));
    const runbooks = [...library.runbooks].sort((a, b) => categoryRank(a) - categoryRank(b) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
    byId = new Map(runbooks.map((runbook) => [runbook.id, runbook]));
    view = { runbooks: runbooks.map(summarize), invalid, directories: { builtin: builtinDir, user: userDir } };
    for (const entry of invalid) {
      const first = entry.problems[0];
      log?.warn(`Runbook ${entry.file} is invalid${first ? ` (line ${first.line}: ${first.message})` : ''}${entry.problems.length > 1 ? ` and ${entry.problems.length - 1} more problems` : ''}.`);
    }
  };

  load();
  return {
    view: () => view,
    get: (id) => byId.get(id),
    refresh: load,
  };
}

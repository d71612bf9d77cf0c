import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
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
import { RunbookFolder } from './runbookFolder';
import { watchFolders } from './folderWatch';
import { readRunbookEntry, realFolder } from './runbookEntryReader';

/**
 * The loaded runbook library (built-in folder + the user's folder), cached. `refresh()` checks
 * every entry's signature (lstat) and re-parses only changed files; a folder watch refreshes
 * soon after a change too. A run start re-reads and hashes its own file (runAdmission), so the
 * cache can never make a changed file runnable.
 */
export interface RunbookCatalog {
  view(): RunbookLibraryView;
  /** A valid runbook by id (undefined when unknown or invalid). */
  get(id: string): Runbook | undefined;
  /** Re-checks both folders; re-parses (and warns about) only what changed. */
  refresh(): void;
  /**
   * Re-reads and hashes the runbook's file: null when it is still what was loaded, else why it
   * may not run. An edit that keeps size and times (or lands within their resolution) would slip
   * past the signature cache; this check does not.
   */
  checkOnDisk?(runbook: Runbook): string | null;
  /** Stops watching the folders (the catalog still answers, and refresh() still works). */
  close?(): void;
}

export interface RunbookCatalogOptions {
  builtinDir: string;
  /** The user's folder (`runbooks.directory` in config.yaml); null when none is configured. */
  userDir: string | null;
  kinds: StepKindRegistry;
  log?: Logger;
  /** Watch the folders for changes (default true); tests of refresh() alone turn it off. */
  watch?: boolean;
}

/** The summary a list shows: everything but params, intro and steps. */
export function summarize(runbook: Runbook): RunbookSummary {
  const { id, title, category, severity, estimatedMinutes, triggers, schedule, origin, file, hash, stepCount, executableSteps, needsOperator, description } = runbook;
  return { id, title, category, severity, estimatedMinutes, triggers: [...triggers], schedule, origin, file, hash, stepCount, executableSteps, needsOperator, description };
}

const categoryRank = (runbook: Runbook) => RUNBOOK_CATEGORIES.indexOf(runbook.category);

/** Reads both folders now; `view()` and `get()` answer from the cached load. */
export function createRunbookCatalog(options: RunbookCatalogOptions): RunbookCatalog {
  const { builtinDir, userDir, kinds, log } = options;
  const folders = [new RunbookFolder(builtinDir, 'builtin', kinds), ...(userDir === null ? [] : [new RunbookFolder(userDir, 'user', kinds)])];
  let byId = new Map<string, Runbook>();
  let view: RunbookLibraryView = { runbooks: [], invalid: [], directories: { builtin: builtinDir, user: userDir } };
  // What was last warned about, per file: a warning is logged once per change, not per list call.
  let warned = new Map<string, string>();

  const load = () => {
    const reads = folders.map((folder) => ({ dir: folder.dir, origin: folder.origin, ...folder.read() }));
    if (!reads.some((read) => read.changed)) return;
    const library = checkLibrary(reads.flatMap((read) => read.files));
    const folderProblems: InvalidRunbook[] = reads
      .filter((read) => read.problem !== null)
      .map((read) => ({ file: read.dir, origin: read.origin, id: null, problems: [{ file: read.dir, line: 0, message: read.problem! }] }));
    // Invalid files in load order: built-ins first, then the user's, each by file name.
    const invalid = [...folderProblems, ...library.invalid].sort((a, b) => (a.origin === b.origin ? (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) : a.origin === 'builtin' ? -1 : 1));
    const runbooks = [...library.runbooks].sort((a, b) => categoryRank(a) - categoryRank(b) || a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
    byId = new Map(runbooks.map((runbook) => [runbook.id, runbook]));
    view = { runbooks: runbooks.map(summarize), invalid, directories: { builtin: builtinDir, user: userDir } };
    const nowWarned = new Map<string, string>();
    for (const entry of invalid) {
      const first = entry.problems[0];
      const message = `Runbook ${entry.file} is invalid${first ? ` (line ${first.line}: ${first.message})` : ''}${entry.problems.length > 1 ? ` and ${entry.problems.length - 1} more problems` : ''}.`;
      nowWarned.set(entry.file, message);
      if (warned.get(entry.file) !== message) log?.warn(message);
    }
    warned = nowWarned;
  };

  load();
  const watcher = options.watch === false ? null : watchFolders(folders.map((folder) => folder.dir), load, log);
  return {
    view: () => view,
    get: (id) => byId.get(id),
    refresh: load,
    checkOnDisk: (runbook) => {
      const onDisk = readRunbookEntry(realFolder(dirname(runbook.file)), runbook.file, runbook.origin);
      if (!onDisk.ok) return `${runbook.title} cannot be read any more: ${onDisk.message}`;
      const hash = createHash('sha256').update(onDisk.bytes).digest('hex');
      return hash === runbook.hash ? null : `${runbook.title} changed on disk since it was loaded; reload and check the steps again.`;
    },
    close: () => watcher?.close(),
  };
}

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StepKindRegistry } from '../steps/registry';
import { parseRunbook, type ParsedRunbook } from './parseRunbook';
import { checkRunbookEntry, readRunbookEntry, realFolder } from './runbookEntryReader';

export interface FolderRead {
  /** Parse results in file-name order. */
  files: ParsedRunbook[];
  /** The folder exists but cannot be listed (a missing folder is simply empty). */
  problem: string | null;
  /** Whether anything differs from the previous read (always true for the first). */
  changed: boolean;
}

/** `*.md` entries directly in the folder, except README.md (a folder's own notes). */
function isRunbookFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.md') && name.toLowerCase() !== 'readme.md';
}

/**
 * One runbook folder (not recursive), read again on demand: each entry is checked with lstat
 * (links resolved and kept inside the folder, no FIFOs or devices, size limit) and parsed only
 * when its signature (inode, size, times) changed since the last read, so a re-read of an
 * unchanged 3,000-file folder costs a directory listing and an lstat per file.
 */
export class RunbookFolder {
  private cache = new Map<string, { signature: string; parsed: ParsedRunbook }>();
  private lastProblem: string | null = null;
  private readOnce = false;

  constructor(
    readonly dir: string,
    readonly origin: 'builtin' | 'user',
    private readonly kinds: StepKindRegistry,
  ) {}

  read(): FolderRead {
    const listed = this.list();
    if (!listed.ok) {
      const changed = !this.readOnce || this.cache.size > 0 || this.lastProblem !== listed.problem;
      this.cache.clear();
      this.lastProblem = listed.problem;
      this.readOnce = true;
      return { files: [], problem: listed.problem, changed };
    }
    let changed = !this.readOnce || this.lastProblem !== null || listed.names.length !== this.cache.size;
    const folderReal = realFolder(this.dir);
    const next = new Map<string, { signature: string; parsed: ParsedRunbook }>();
    for (const name of listed.names) {
      const file = join(this.dir, name);
      // lstat only first: an unchanged entry is neither opened nor parsed again.
      const check = checkRunbookEntry(folderReal, file);
      const cached = this.cache.get(file);
      if (cached && cached.signature === check.signature) {
        next.set(file, cached);
        continue;
      }
      changed = true;
      const entry = check.ok ? readRunbookEntry(folderReal, file, this.origin) : check;
      const parsed: ParsedRunbook = entry.ok
        ? parseRunbook(entry.bytes, { file, origin: this.origin, kinds: this.kinds })
        : { ok: false, invalid: { file, origin: this.origin, id: null, problems: [{ file, line: 0, message: entry.message }] } };
      next.set(file, { signature: entry.signature, parsed });
    }
    this.cache = next;
    this.lastProblem = null;
    this.readOnce = true;
    return { files: [...next.values()].map((entry) => entry.parsed), problem: null, changed };
  }

  private list(): { ok: true; names: string[] } | { ok: false; problem: string | null } {
    try {
      return { ok: true, names: readdirSync(this.dir).filter(isRunbookFileName).sort() };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { ok: false, problem: null };
      return { ok: false, problem: `Cannot list the runbook folder ${this.dir}: ${(error as Error).message}` };
    }
  }
}

/** Reads and parses every runbook in one folder once (the built-in library's own test uses it). */
export function readRunbookFolder(dir: string, origin: 'builtin' | 'user', kinds: StepKindRegistry): FolderRead {
  return new RunbookFolder(dir, origin, kinds).read();
}

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StepKindRegistry } from '../steps/registry';
import { parseRunbook, type ParsedRunbook } from './parseRunbook';
import { MAX_RUNBOOK_BYTES, tooLargeMessage } from './sourceText';

export interface FolderRead {
  /** Parse results in file-name order. */
  files: ParsedRunbook[];
  /** The folder exists but cannot be listed (a missing folder is simply empty). */
  problem: string | null;
}

/** `*.md` files directly in the folder, except README.md (a folder's own notes). */
function isRunbookFileName(name: string): boolean {
  return name.toLowerCase().endsWith('.md') && name.toLowerCase() !== 'readme.md';
}

/** Reads and parses every runbook in one folder (not recursive), sorted by file name. */
export function readRunbookFolder(dir: string, origin: 'builtin' | 'user', kinds: StepKindRegistry): FolderRead {
  let names: string[];
  try {
    names = readdirSync(dir).filter(isRunbookFileName).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { files: [], problem: null };
    return { files: [], problem: `Cannot list the runbook folder ${dir}: ${(error as Error).message}` };
  }
  const files: ParsedRunbook[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const unreadable = (message: string): ParsedRunbook => ({ ok: false, invalid: { file, origin, id: null, problems: [{ file, line: 0, message }] } });
    try {
      const stats = statSync(file);
      if (!stats.isFile()) continue;
      // Checked before reading: a huge file is refused without loading it.
      if (stats.size > MAX_RUNBOOK_BYTES) {
        files.push(unreadable(tooLargeMessage(stats.size)));
        continue;
      }
      files.push(parseRunbook(readFileSync(file), { file, origin, kinds }));
    } catch (error) {
      files.push(unreadable(`Cannot read the file: ${(error as Error).message}`));
    }
  }
  return { files, problem: null };
}

import type { Runbook } from '../../../../shared/types/runbooks';
import type { RunbookCatalog } from '../format/runbookCatalog';
import { resolveParamValues } from '../format/paramValues';
import { RunRefusedError } from './runControl';

/**
 * The checks before a run starts or resumes: the runbook is loaded and valid, the file on disk
 * is the one the requester saw (same hash), and the params fit their declaration.
 */
export function admitRunbook(catalog: RunbookCatalog, runbookId: string, hash: string): Runbook {
  catalog.refresh();
  const runbook = catalog.get(runbookId);
  if (!runbook) {
    const invalid = catalog.view().invalid.find((entry) => entry.id === runbookId);
    if (invalid) {
      const problems = invalid.problems.slice(0, 3).map((p) => `${p.file}:${p.line}: ${p.message}`);
      throw new RunRefusedError(`The runbook "${runbookId}" has errors and cannot run: ${problems.join('; ')}`);
    }
    throw new RunRefusedError(`There is no runbook "${runbookId}" (it may have been removed; reload the library).`);
  }
  if (runbook.hash !== hash) {
    throw new RunRefusedError(
      `${runbook.title} changed on disk since it was shown (hash ${short(hash)}, now ${short(runbook.hash)}); reload and check the steps again`,
    );
  }
  // The catalog is a cache keyed by lstat signatures: the file itself decides (re-read, hashed).
  const stale = catalog.checkOnDisk?.(runbook);
  if (stale) throw new RunRefusedError(stale);
  return runbook;
}

export function admitParams(runbook: Runbook, given: Readonly<Record<string, string>>): Record<string, string> {
  const resolved = resolveParamValues(runbook.params, given);
  if (!resolved.ok) throw new RunRefusedError(`${runbook.title} cannot run with these params: ${resolved.problems.join(' ')}`);
  return resolved.values;
}

function short(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash || '(none)';
}

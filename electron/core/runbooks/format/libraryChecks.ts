import type { InvalidRunbook, Runbook } from '../../../../shared/types/runbooks';
import type { ParsedRunbook } from './parseRunbook';

export interface Library {
  runbooks: Runbook[];
  invalid: InvalidRunbook[];
}

/**
 * The checks that need every file: ids are unique across both folders (the later file, built-ins
 * first, is the invalid one, so a user file cannot shadow a built-in), and `on-failure=runbook:`
 * targets are valid runbooks. A file that fails becomes invalid, which may in turn break a
 * file that points to it, so the target check repeats until nothing changes.
 */
export function checkLibrary(parsed: readonly ParsedRunbook[]): Library {
  const invalid: InvalidRunbook[] = [];
  const byId = new Map<string, { runbook: Runbook; idLine: number }>();
  const invalidate = (runbook: Runbook, problems: { line: number; message: string }[]) =>
    invalid.push({ file: runbook.file, origin: runbook.origin, id: runbook.id, problems: problems.map((p) => ({ file: runbook.file, ...p })) });
  for (const result of parsed) {
    if (!result.ok) {
      invalid.push(result.invalid);
      continue;
    }
    const { runbook, idLine } = result;
    const first = byId.get(runbook.id);
    if (first) invalidate(runbook, [{ line: idLine, message: `The runbook id "${runbook.id}" is already used by ${first.runbook.file}; ids must be unique across the built-in and user folders.` }]);
    else byId.set(runbook.id, { runbook, idLine });
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const { runbook } of [...byId.values()]) {
      const missing = runbook.steps.flatMap((step) => {
        const onFailure = step.block?.onFailure;
        if (onFailure?.kind !== 'runbook' || byId.has(onFailure.runbookId)) return [];
        return [{ line: step.block!.line, message: `Attribute "on-failure": there is no valid runbook "${onFailure.runbookId}" to suggest.` }];
      });
      if (missing.length === 0) continue;
      invalidate(runbook, missing);
      byId.delete(runbook.id);
      changed = true;
    }
  }
  return { runbooks: [...byId.values()].map((entry) => entry.runbook), invalid };
}

import { RUNBOOK_CATEGORIES, type RunbookCategory, type RunbookSummary } from '../../../shared/types/runbooks';

/** Every word of the query must appear in the title, id, description or a trigger (any case). */
export function searchRunbooks(runbooks: RunbookSummary[], query: string): RunbookSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return runbooks;
  return runbooks.filter((r) => {
    const haystack = [r.title, r.id, r.description, ...r.triggers].join('\n').toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** Runbooks by category, in the fixed category order, titles sorted; empty categories left out. */
export function groupByCategory(runbooks: RunbookSummary[]): Array<[RunbookCategory, RunbookSummary[]]> {
  return RUNBOOK_CATEGORIES.map((category): [RunbookCategory, RunbookSummary[]] => [
    category,
    runbooks.filter((r) => r.category === category).sort((a, b) => a.title.localeCompare(b.title)),
  ]).filter(([, list]) => list.length > 0);
}

/** @jsxRuntime automatic */
import type { RunbookLibraryView } from '../../../../shared/types/runbooks';
import { groupByCategory, searchRunbooks } from '../../runbooks/librarySearch';
import { InvalidRunbooks } from './InvalidRunbooks';
import { RunbookListItem } from './RunbookListItem';

interface RunbookLibraryProps {
  library: RunbookLibraryView;
  query: string;
  onQuery: (query: string) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The runbooks by category with a search box; invalid files apart, at the end. */
export function RunbookLibrary({ library, query, onQuery, selectedId, onSelect }: RunbookLibraryProps) {
  const groups = groupByCategory(searchRunbooks(library.runbooks, query));
  return (
    <div className="runbook-library">
      <input
        type="search"
        className="filter"
        placeholder="Search title, id, description, trigger…"
        aria-label="Search runbooks"
        value={query}
        onChange={(event) => onQuery(event.target.value)}
      />
      {library.runbooks.length === 0 && <p className="state state-empty">No runbooks loaded.</p>}
      {library.runbooks.length > 0 && groups.length === 0 && <p className="state state-empty">No runbook matches “{query}”.</p>}
      {groups.map(([category, runbooks]) => (
        <section key={category} className="runbook-group" aria-label={`Category ${category}`}>
          <h2 className="runbook-category">{category}</h2>
          <ul className="runbook-list">
            {runbooks.map((r) => (
              <RunbookListItem key={r.id} runbook={r} selected={r.id === selectedId} onSelect={onSelect} />
            ))}
          </ul>
        </section>
      ))}
      <InvalidRunbooks invalid={library.invalid} />
    </div>
  );
}

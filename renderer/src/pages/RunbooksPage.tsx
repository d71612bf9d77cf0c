/** @jsxRuntime automatic */
import { useState } from 'react';
import { RunbookDetail } from '../components/runbooks/RunbookDetail';
import { RunbookLibrary } from '../components/runbooks/RunbookLibrary';
import { RunbooksTabs } from '../components/runbooks/RunbooksTabs';
import { ErrorState, LoadingState } from '../components/StateViews';
import { useApiCall } from '../hooks/useApiCall';

interface RunbooksPageProps {
  navigate: (route: string) => void;
  initialId: string | null;
  initialQuery: string;
}

/** Keeps the selection in the address (reload and back find it) without remounting the page. */
function rememberInHash(id: string, query: string): void {
  const params = new URLSearchParams({ id });
  if (query) params.set('q', query);
  window.history.replaceState(null, '', `#/runbooks?${params.toString()}`);
}

/** The runbook library beside the selected runbook's detail. */
export function RunbooksPage({ navigate, initialId, initialQuery }: RunbooksPageProps) {
  const library = useApiCall('runbooks.list', {});
  const [query, setQuery] = useState(initialQuery);
  const [selected, setSelected] = useState<string | null>(initialId);
  const data = library.data;
  if (!data) {
    if (library.error) return <ErrorState title="Could not load the runbooks" error={library.error} onRetry={library.reload} />;
    return <LoadingState what="runbooks" />;
  }
  const select = (id: string) => {
    setSelected(id);
    rememberInHash(id, query);
    // The library stays in place while the page scrolls: a newly chosen runbook is read from its top.
    const pane = document.querySelector('.runbook-detail-pane');
    if (pane && pane.getBoundingClientRect().top < 0) pane.scrollIntoView?.({ block: 'start' });
  };
  return (
    <div className="runbooks-page">
      <RunbooksTabs current="library" navigate={navigate} />
      <div className="runbooks-layout">
        <RunbookLibrary library={data} query={query} onQuery={setQuery} selectedId={selected} onSelect={select} />
        <div className="runbook-detail-pane">
          {selected ? (
            <RunbookDetail key={selected} id={selected} onStarted={(runId) => navigate(`runbooks/run/${runId}`)} />
          ) : (
            <p className="state state-empty">Select a runbook to see its steps and start it.</p>
          )}
        </div>
      </div>
    </div>
  );
}

/** @jsxRuntime automatic */
import { RunHistoryPage } from './RunHistoryPage';
import { RunPage } from './RunPage';
import { RunbooksPage } from './RunbooksPage';

interface RunbooksRouteProps {
  path: string[];
  query: URLSearchParams;
  navigate: (route: string) => void;
}

/** `#/runbooks` (library, `?id=` or `#/runbooks/<id>` selects), `#/runbooks/history` (runs, `?runbook=` filters), `#/runbooks/run/<id>`. */
export function RunbooksRoute({ path, query, navigate }: RunbooksRouteProps) {
  if (path[0] === 'run' && /^[1-9]\d*$/.test(path[1] ?? '')) return <RunPage runId={Number(path[1])} navigate={navigate} />;
  if (path[0] === 'history') return <RunHistoryPage navigate={navigate} initialRunbook={query.get('runbook') ?? ''} />;
  // `#/runbooks/<id>`: how incidents link the runbooks their alerts name.
  const id = path[0] ? decodeURIComponent(path[0]) : query.get('id');
  return <RunbooksPage navigate={navigate} initialId={id} initialQuery={query.get('q') ?? ''} />;
}

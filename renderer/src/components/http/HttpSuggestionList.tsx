/** @jsxRuntime automatic */
import type { HttpCheckSuggestion } from '../../../../shared/types/http';

export interface HttpSuggestionListProps {
  suggestions: readonly HttpCheckSuggestion[] | undefined;
  error: Error | null;
  loading: boolean;
  onAdd(suggestion: HttpCheckSuggestion): void;
}

/** Checks Opsbar proposes (model endpoints, container ports answering /health), each with "Add". */
export function HttpSuggestionList({ suggestions, error, loading, onAdd }: HttpSuggestionListProps) {
  if (error) return <p className="state state-error">Could not look for suggestions: {error.message}</p>;
  if (!suggestions) return loading ? <p className="muted">Looking for model servers and containers that answer /health…</p> : null;
  if (suggestions.length === 0) return <p className="muted">Nothing to suggest: no model server endpoint, and no running container whose published port answers /health.</p>;
  return (
    <ul className="http-suggestions" aria-label="Suggested checks">
      {suggestions.map((s) => (
        <li key={s.url} className="http-suggestion">
          <div>
            <div className="http-check-name">{s.name}</div>
            <div className="http-check-url">
              GET {s.url} → {s.expectStatus}
            </div>
            <div className="muted">{s.reason}</div>
          </div>
          {s.configured ? (
            <span className="muted">configured</span>
          ) : (
            <button type="button" onClick={() => onAdd(s)} aria-label={`Add check ${s.name}`}>
              Add
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** @jsxRuntime automatic */
import { useState } from 'react';
import { DockerUnavailable } from '../components/DockerUnavailable';
import { StackSection } from '../components/StackSection';
import { sortStacksWorstFirst } from '../components/StacksSummary';
import { ErrorState, LoadingState } from '../components/StateViews';
import { useDockerSnapshot } from '../hooks/useDockerSnapshot';
import { filterStacks } from '../stackFilter';

/** Every stack and its containers, worst first, with a filter box. */
export function StacksPage({ initialFilter = '' }: { initialFilter?: string }) {
  const docker = useDockerSnapshot();
  const [filter, setFilter] = useState(initialFilter);
  const snapshot = docker.data;
  if (!snapshot) {
    if (docker.error) return <ErrorState title="Could not load Docker stacks" error={docker.error} onRetry={docker.reload} />;
    return <LoadingState what="stacks" />;
  }
  if (!snapshot.available) return <DockerUnavailable docker={snapshot} />;

  const stacks = sortStacksWorstFirst(filterStacks(snapshot.stacks, filter));
  const containerCount = snapshot.stacks.reduce((n, s) => n + s.containers.length, 0);
  return (
    <div className="stacks-page">
      <div className="toolbar">
        <input
          type="search"
          className="filter"
          placeholder="Filter by stack, container, image, state…"
          aria-label="Filter stacks and containers"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <span className="muted">
          {snapshot.stacks.length} stacks · {containerCount} containers
          {snapshot.engineVersion ? ` · Docker ${snapshot.engineVersion}` : ''}
        </span>
      </div>
      {snapshot.stacks.length === 0 && <p className="state state-empty">No containers on this Docker engine yet.</p>}
      {snapshot.stacks.length > 0 && stacks.length === 0 && <p className="state state-empty">Nothing matches “{filter}”.</p>}
      {stacks.map((stack) => (
        <StackSection key={`${stack.kind}:${stack.name}`} stack={stack} />
      ))}
    </div>
  );
}

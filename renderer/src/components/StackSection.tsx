/** @jsxRuntime automatic */
import { useState } from 'react';
import type { Stack } from '../../../shared/types/docker';
import { useNow } from '../hooks/useNow';
import { ContainerRow } from './ContainerRow';
import { StackActions } from './containers/StackActions';
import { SeverityBadge } from './SeverityBadge';
import { describeCounts } from './StacksSummary';

/** One stack: its name and counts, then a table of its containers (click one for details). */
export function StackSection({ stack }: { stack: Stack }) {
  const [open, setOpen] = useState<string | null>(null);
  const now = useNow(1_000);
  return (
    <section className="stack" aria-label={`Stack ${stack.name}`}>
      <header className="stack-head">
        <SeverityBadge severity={stack.severity} />
        <h2 className="stack-name">{stack.name}</h2>
        <span className="muted">{stack.kind === 'compose' ? 'compose project' : 'standalone containers'}</span>
        <span className="muted">{describeCounts(stack)}</span>
        <StackActions stack={stack} />
      </header>
      <table className="containers">
        <thead>
          <tr>
            <th scope="col">Container</th>
            <th scope="col">State</th>
            <th scope="col">Health</th>
            <th scope="col" className="num">Restarts</th>
            <th scope="col" className="num">Uptime</th>
            <th scope="col" className="num">CPU</th>
            <th scope="col" className="num">Memory</th>
            <th scope="col" className="num">Exit</th>
          </tr>
        </thead>
        <tbody>
          {stack.containers.map((container) => (
            <ContainerRow
              key={container.id}
              stackName={stack.name}
              container={container}
              now={now}
              expanded={open === container.id}
              onToggle={() => setOpen(open === container.id ? null : container.id)}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

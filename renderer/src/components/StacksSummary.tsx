/** @jsxRuntime automatic */
import type { DockerSnapshot, Stack } from '../../../shared/types/docker';
import { severityRank } from '../../../shared/types/severity';
import { SeverityBadge } from './SeverityBadge';

export function sortStacksWorstFirst(stacks: Stack[]): Stack[] {
  return [...stacks].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.name.localeCompare(b.name));
}

export function describeCounts(stack: Stack): string {
  const { total, running, unhealthy } = stack.counts;
  const parts = [`${running}/${total} running`];
  if (unhealthy > 0) parts.push(`${unhealthy} unhealthy`);
  return parts.join(' · ');
}

/** "x of y healthy" and the stacks, worst first; a click opens the Stacks page. */
export function StacksSummary({ docker, onOpen }: { docker: DockerSnapshot; onOpen?: (stack: string) => void }) {
  const healthy = docker.stacks.filter((s) => s.severity === 'ok').length;
  if (docker.stacks.length === 0) return <p className="muted">No containers on this Docker engine.</p>;
  return (
    <div>
      <p className="summary-line">
        <strong>
          {healthy} of {docker.stacks.length}
        </strong>{' '}
        stacks healthy
      </p>
      <ul className="stack-summary">
        {sortStacksWorstFirst(docker.stacks).map((stack) => (
          <li key={`${stack.kind}:${stack.name}`}>
            <SeverityBadge severity={stack.severity} />
            <button type="button" className="link" onClick={() => onOpen?.(stack.name)}>
              {stack.name}
            </button>
            <span className="muted">{describeCounts(stack)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

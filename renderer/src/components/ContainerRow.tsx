/** @jsxRuntime automatic */
import type { ContainerInfo } from '../../../shared/types/docker';
import { UNKNOWN, formatBytes, formatDuration, formatPercent } from '../format';
import { ContainerActions } from './containers/ContainerActions';
import { ContainerDetail } from './ContainerDetail';
import { SeverityBadge } from './SeverityBadge';

interface ContainerRowProps {
  stackName: string;
  container: ContainerInfo;
  now: number;
  expanded: boolean;
  onToggle: () => void;
}

function memoryText(c: ContainerInfo): string {
  if (c.memoryBytes == null) return UNKNOWN;
  return c.memoryLimitBytes ? `${formatBytes(c.memoryBytes)} / ${formatBytes(c.memoryLimitBytes)}` : formatBytes(c.memoryBytes);
}

/** A container as one table row; its details (events, history) open below it. */
export function ContainerRow({ stackName, container: c, now, expanded, onToggle }: ContainerRowProps) {
  const running = c.state === 'running';
  const uptime = running && c.startedAt ? formatDuration((now - c.startedAt) / 1000) : UNKNOWN;
  return (
    <>
      <tr className={`container-row sev-row-${c.severity}`} data-container={c.name}>
        <td>
          <button type="button" className="row-toggle" aria-expanded={expanded} onClick={onToggle}>
            <span className="chevron" aria-hidden="true">{expanded ? '▾' : '▸'}</span>
            <span className="container-name">{c.name}</span>
          </button>
          <div className="container-image muted" title={c.image}>
            {c.service && c.service !== c.name ? `${c.service} · ` : ''}
            {c.image}
          </div>
          <ContainerActions container={c} />
        </td>
        <td>
          <SeverityBadge severity={running ? 'ok' : c.state === 'exited' || c.state === 'dead' ? c.severity : 'warning'} label={c.state} />
        </td>
        <td>
          {c.health === 'none' ? (
            <span className="muted">no check</span>
          ) : (
            <SeverityBadge severity={c.health === 'healthy' ? 'ok' : c.health === 'starting' ? 'unknown' : 'critical'} label={c.health} />
          )}
        </td>
        <td className="num">{c.restartCount}</td>
        <td className="num">{uptime}</td>
        <td className="num">{running ? formatPercent(c.cpuPercent) : UNKNOWN}</td>
        <td className="num">{running ? memoryText(c) : UNKNOWN}</td>
        <td className="num">{c.exitCode == null || running ? UNKNOWN : c.exitCode}</td>
      </tr>
      {expanded && (
        <tr className="container-detail-row">
          <td colSpan={8}>
            <ContainerDetail stackName={stackName} container={c} />
          </td>
        </tr>
      )}
    </>
  );
}

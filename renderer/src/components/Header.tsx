/** @jsxRuntime automatic */
import type { StatusSnapshot } from '../../../shared/types/status';
import { ConnectionIndicator } from './ConnectionBanner';
import { SeverityBadge } from './SeverityBadge';

/** The host and its overall status, always in view. */
export function Header({ status }: { status: StatusSnapshot | undefined }) {
  const host = status?.system?.hostname ?? 'this host';
  return (
    <header className="app-header">
      <span className="brand">Opsbar</span>
      <span className="host" title={status?.system?.platform}>
        {host}
      </span>
      <span className="overall" aria-label="Overall status">
        <SeverityBadge severity={status?.overall ?? 'unknown'} />
      </span>
      <span className="spacer" />
      <ConnectionIndicator />
    </header>
  );
}

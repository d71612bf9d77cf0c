/** @jsxRuntime automatic */
import { useMemo, useState } from 'react';
import { AUDIT_RANGES, AuditFilters, type AuditRange } from '../components/audit/AuditFilters';
import { AuditTable } from '../components/audit/AuditTable';
import { ErrorState, LoadingState, Panel } from '../components/StateViews';
import { useAuditPages } from '../hooks/useAuditPages';

/** `#/audit`: what was done, by whom, and how it ended — runbook runs, settings changes, notifications, silences, incidents. */
export function AuditPage() {
  const [kind, setKind] = useState('');
  const [range, setRange] = useState<AuditRange>('week');
  // The window starts when the filter is picked (not on every render, which would refetch forever).
  const filter = useMemo(() => {
    const ms = AUDIT_RANGES.find((r) => r.value === range)?.ms ?? null;
    return { kind, from: ms === null ? null : Date.now() - ms };
  }, [kind, range]);
  const audit = useAuditPages(filter);
  return (
    <div className="audit-page">
      <Panel title="Audit log" aside={<AuditFilters kind={kind} range={range} onKind={setKind} onRange={setRange} />}>
        {audit.error && audit.rows.length === 0 ? (
          <ErrorState title="Could not load the audit log" error={audit.error} onRetry={audit.reload} />
        ) : audit.rows.length === 0 ? (
          audit.loading ? (
            <LoadingState what="the audit log" />
          ) : (
            <p className="state state-empty">Nothing recorded for this kind and time. Runbook runs, settings changes, notifications, silences and incident actions appear here.</p>
          )
        ) : (
          <>
            <AuditTable rows={audit.rows} />
            {audit.error ? (
              <p role="alert" className="state-error">
                {audit.error.message}
              </p>
            ) : null}
            {audit.more ? (
              <button type="button" className="audit-more" disabled={audit.loading} onClick={audit.loadMore}>
                {audit.loading ? 'Loading…' : 'Load more'}
              </button>
            ) : (
              <p className="muted">That is everything for this filter.</p>
            )}
          </>
        )}
      </Panel>
    </div>
  );
}

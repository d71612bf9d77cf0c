import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditRecord } from '../../../shared/types/audit';
import { useClient, useConnection } from './opsbarContext';

export interface AuditFilter {
  kind: string;
  /** Epoch ms, or null for all time. */
  from: number | null;
}

export interface AuditPages {
  rows: AuditRecord[];
  loading: boolean;
  error: Error | null;
  /** False once a page came back shorter than asked: nothing older is left. */
  more: boolean;
  loadMore: () => void;
  reload: () => void;
}

/** Audit rows newest first, a page at a time ("Load more" asks for rows before the oldest shown). */
export function useAuditPages(filter: AuditFilter, pageSize = 50): AuditPages {
  const client = useClient();
  const { epoch } = useConnection();
  const [rows, setRows] = useState<AuditRecord[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const [more, setMore] = useState(false);
  const [nonce, setNonce] = useState(0);
  // A filter changed while a page was on its way: that page belongs to the old filter.
  const ticket = useRef(0);

  const fetchPage = useCallback(
    (beforeId: number | undefined, replace: boolean) => {
      const mine = ++ticket.current;
      setLoading(true);
      const payload = {
        limit: pageSize,
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.from !== null ? { from: filter.from } : {}),
        ...(beforeId !== undefined ? { beforeId } : {}),
      };
      client.call('audit.list', payload).then(
        (page) => {
          if (mine !== ticket.current) return;
          setRows((current) => (replace ? page : [...current, ...page.filter((r) => !current.some((c) => c.id === r.id))]));
          setMore(page.length >= pageSize);
          setError(null);
          setLoading(false);
        },
        (reason: unknown) => {
          if (mine !== ticket.current) return;
          setError(reason instanceof Error ? reason : new Error(String(reason)));
          setLoading(false);
        },
      );
    },
    [client, filter.kind, filter.from, pageSize],
  );

  useEffect(() => fetchPage(undefined, true), [fetchPage, epoch, nonce]);

  const loadMore = useCallback(() => {
    const oldest = rows[rows.length - 1];
    if (oldest) fetchPage(oldest.id, false);
  }, [rows, fetchPage]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { rows, loading, error, more, loadMore, reload };
}

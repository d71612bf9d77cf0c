import { useState } from 'react';
import type { RunMode } from '../../../shared/types/runbooks';
import { useClient } from './opsbarContext';

/**
 * Starts a run of a runbook as the operator saw it (its id and the hash of the text shown),
 * with params; says when it is starting and why the core refused.
 */
export function useStartRun(onStarted: (runId: number) => void) {
  const client = useClient();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const start = async (runbook: { id: string; hash: string }, params: Record<string, string>, mode: RunMode) => {
    setStarting(true);
    setError(null);
    try {
      const run = await client.call('runbooks.start', { id: runbook.id, hash: runbook.hash, params, mode });
      onStarted(run.id);
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setStarting(false);
    }
  };
  return { start, starting, error };
}

import { useCallback, useState } from 'react';
import type { RunDetail, StepCommand } from '../../../shared/types/runbooks';
import { useClient } from './opsbarContext';

export interface RunCommands {
  step: (stepIndex: number, command: StepCommand, note: string) => Promise<boolean>;
  cancel: () => Promise<boolean>;
  resume: () => Promise<boolean>;
  /** A command in flight: buttons wait for its answer, so one click sends one command. */
  busy: boolean;
  /** The core refused or failed the last command (a sentence for the operator). */
  error: Error | null;
}

/** The verbs of a run view; each answer (a RunDetail) goes to `apply`. Resolves true when the core accepted. */
export function useRunCommands(runId: number, apply: (run: RunDetail) => void): RunCommands {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);

  const send = useCallback(
    async (call: () => Promise<RunDetail>) => {
      setBusy(true);
      setError(null);
      try {
        apply(await call());
        return true;
      } catch (reason) {
        setError(reason instanceof Error ? reason : new Error(String(reason)));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [apply],
  );

  const step = useCallback(
    (stepIndex: number, command: StepCommand, note: string) =>
      send(() => client.call('runbooks.step', note.trim() ? { runId, stepIndex, command, note: note.trim() } : { runId, stepIndex, command })),
    [client, runId, send],
  );
  const cancel = useCallback(() => send(() => client.call('runbooks.cancel', { runId })), [client, runId, send]);
  const resume = useCallback(() => send(() => client.call('runbooks.resume', { runId })), [client, runId, send]);
  return { step, cancel, resume, busy, error };
}

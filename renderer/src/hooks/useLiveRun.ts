import { useCallback, useState } from 'react';
import type { RunDetail } from '../../../shared/types/runbooks';
import { appendOutput, EMPTY_OUTPUT, type OutputBuffer } from '../runbooks/outputBuffer';
import { laterRun } from '../runbooks/runProgress';
import { useApiCall, type ApiCallState } from './useApiCall';
import { useLiveMessages } from './useLiveMessages';

export const outputKey = (stepIndex: number, attempt: number) => `${stepIndex}:${attempt}`;

export interface LiveRun {
  run: ApiCallState<RunDetail>;
  /** Live output per step attempt (`outputKey`), bounded. */
  outputs: ReadonlyMap<string, OutputBuffer>;
  /** Takes a run the core answered a command with (kept only if it is not older than what is shown). */
  apply: (run: RunDetail) => void;
}

/**
 * One run: fetched by id (so a reloaded page finds it again), then kept current from live `run`
 * messages and `run-output` chunks about it.
 */
export function useLiveRun(runId: number): LiveRun {
  const run = useApiCall('runbooks.run', { runId });
  const [outputs, setOutputs] = useState<ReadonlyMap<string, OutputBuffer>>(() => new Map());
  const { setData } = run;
  const apply = useCallback((next: RunDetail) => setData((current) => laterRun(current, next)), [setData]);

  useLiveMessages((message) => {
    if (message.type === 'run' && message.run.id === runId) apply(message.run);
    if (message.type !== 'run-output' || message.chunk.runId !== runId) return;
    const { chunk } = message;
    setOutputs((current) => {
      const key = outputKey(chunk.stepIndex, chunk.attempt);
      const next = new Map(current);
      next.set(key, appendOutput(current.get(key) ?? EMPTY_OUTPUT, chunk));
      return next;
    });
  });
  return { run, outputs, apply };
}

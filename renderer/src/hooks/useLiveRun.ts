import { useCallback, useEffect, useRef, useState } from 'react';
import { applyRunChange } from '../../../shared/runbooks/applyRunChange';
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
 * messages (each carries only the attempts that changed, folded into what is shown) and
 * `run-output` chunks about it. A change with nothing to fold into (it came before the fetch
 * answered) asks for the run again once the fetch in flight has answered, so none is lost.
 */
export function useLiveRun(runId: number): LiveRun {
  const fetched = useApiCall('runbooks.run', { runId });
  const [outputs, setOutputs] = useState<ReadonlyMap<string, OutputBuffer>>(() => new Map());
  // The shown run lives in a ref (read synchronously by the message handler) mirrored into state.
  const shown = useRef<RunDetail | undefined>(undefined);
  const [, setVersion] = useState(0);
  const missed = useRef(false);
  const { data, loading, reload } = fetched;

  const show = useCallback((next: RunDetail | undefined) => {
    if (next === shown.current) return;
    shown.current = next;
    setVersion((v) => v + 1);
  }, []);
  const apply = useCallback((next: RunDetail) => show(laterRun(shown.current, next)), [show]);

  useEffect(() => {
    if (data) apply(data);
  }, [data, apply]);
  useEffect(() => {
    if (loading || !missed.current) return;
    missed.current = false;
    reload();
  }, [loading, reload]);

  useLiveMessages((message) => {
    if (message.type === 'run' && message.run.id === runId) {
      const current = shown.current?.id === runId ? shown.current : null;
      const next = applyRunChange(current, message);
      if (next) show(next);
      else if (loading) missed.current = true;
      else reload();
    }
    if (message.type !== 'run-output' || message.chunk.runId !== runId) return;
    const { chunk } = message;
    setOutputs((current) => {
      const key = outputKey(chunk.stepIndex, chunk.attempt);
      const next = new Map(current);
      next.set(key, appendOutput(current.get(key) ?? EMPTY_OUTPUT, chunk));
      return next;
    });
  });

  const current = shown.current?.id === runId ? shown.current : undefined;
  const setData = useCallback((update: (value: RunDetail | undefined) => RunDetail | undefined) => show(update(shown.current)), [show]);
  return { run: { ...fetched, data: current, setData }, outputs, apply };
}

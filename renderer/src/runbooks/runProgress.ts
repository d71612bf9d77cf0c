import type { RunDetail, RunState } from '../../../shared/types/runbooks';

const FINAL: readonly RunState[] = ['succeeded', 'failed', 'cancelled'];

export const isFinalState = (state: RunState) => FINAL.includes(state);

/**
 * A fetched run may answer after a live message about the same run: keep whichever has moved
 * further (more attempts, more finished attempts, a final state). Equal progress: the incoming one.
 */
export function laterRun(current: RunDetail | undefined, incoming: RunDetail): RunDetail {
  if (!current || current.id !== incoming.id) return incoming;
  const score = (r: RunDetail) => [r.attempts.length, r.attempts.filter((a) => a.endedAt !== null).length, isFinalState(r.state) ? 1 : 0];
  const [a, b] = [score(current), score(incoming)];
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] > b[i] ? current : incoming;
  }
  return incoming;
}

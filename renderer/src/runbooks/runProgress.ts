import { isAhead } from '../../../shared/runbooks/applyRunChange';
import type { RunDetail, RunState } from '../../../shared/types/runbooks';

const FINAL: readonly RunState[] = ['succeeded', 'failed', 'cancelled'];

export const isFinalState = (state: RunState) => FINAL.includes(state);

/**
 * A fetched run may answer after a live message about the same run: keep whichever has moved
 * further (more attempts, more finished attempts, a final state). Equal progress: the incoming one.
 */
export function laterRun(current: RunDetail | undefined, incoming: RunDetail): RunDetail {
  if (!current || current.id !== incoming.id) return incoming;
  return isAhead(current, incoming) ? current : incoming;
}

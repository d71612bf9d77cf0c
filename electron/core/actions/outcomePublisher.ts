import type { ActionOutcome } from '../../../shared/types/actions';
import type { Clock } from '../clock';

/** Up to this many confirmed items, every change is a live message (the plan view ticks item by item). */
export const EVERY_CHANGE_UP_TO_ITEMS = 100;
/** Above it, changes are coalesced to one message per this many ms: each message carries every item. */
export const COALESCE_MS = 250;

/**
 * The live messages of one run. A message carries the whole outcome, so a message per change
 * grows with the square of the plan: 1,000 items made 2,000 messages and 167 MB. Big plans get
 * the first change at once, then at most one message per COALESCE_MS (the latest state), and
 * the end at once.
 */
export function outcomePublisher(clock: Clock, itemCount: number, publish: (outcome: ActionOutcome) => void): (outcome: ActionOutcome) => void {
  if (itemCount <= EVERY_CHANGE_UP_TO_ITEMS) return publish;
  let timer: { cancel(): void } | null = null;
  let pending: ActionOutcome | null = null;
  const arm = () => {
    timer = clock.setTimeout(() => {
      timer = null;
      if (!pending) return;
      const latest = pending;
      pending = null;
      publish(latest);
      arm();
    }, COALESCE_MS);
  };
  return (outcome) => {
    if (outcome.state !== 'running') {
      timer?.cancel();
      timer = null;
      pending = null;
      publish(outcome);
      return;
    }
    if (timer) {
      pending = outcome;
      return;
    }
    publish(outcome);
    arm();
  };
}

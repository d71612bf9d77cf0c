/** @jsxRuntime automatic */
import type { ActionOutcome, ActionPlan } from '../../../../shared/types/actions';
import { formatBytes } from '../../format';
import { ITEM_STATE_WORDS, kindWords } from './emergencyFormat';

interface ActionProgressProps {
  plan: ActionPlan;
  outcome: ActionOutcome;
  onCancel: () => void;
  cancelling: boolean;
}

/** Each confirmed item's outcome as it happens; Cancel stops the run before its next item. */
export function ActionProgress({ plan, outcome, onCancel, cancelling }: ActionProgressProps) {
  const byId = new Map(plan.items.map((item) => [item.id, item]));
  const settled = outcome.items.filter((item) => item.outcome !== 'pending' && item.outcome !== 'in-flight').length;
  const running = outcome.state === 'running';
  return (
    <section className="action-progress" aria-label="Progress">
      <header className="action-progress-head">
        <h3>{running ? `Running: ${settled} of ${outcome.items.length} items done` : `Items: ${settled} of ${outcome.items.length} settled`}</h3>
        {running ? (
          <button type="button" onClick={onCancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : null}
      </header>
      {running ? <p className="muted">Cancel stops before the next item; the item in progress finishes or times out.</p> : null}
      <ol className="progress-items">
        {outcome.items.map((item) => {
          const planned = byId.get(item.id);
          return (
            <li key={item.id} className={`progress-item progress-${item.outcome}`} aria-label={planned?.name ?? item.id}>
              <span className={`progress-state progress-state-${item.outcome}`}>{ITEM_STATE_WORDS[item.outcome] ?? item.outcome}</span>
              <span className="progress-what">
                {planned ? `${kindWords(planned.kind)} ${planned.name}` : item.id}
              </span>
              <span className="progress-detail muted">
                {item.detail}
                {item.bytes != null && item.outcome === 'done' ? ` (${formatBytes(item.bytes)})` : ''}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

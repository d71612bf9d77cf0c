/** @jsxRuntime automatic */
import type { ActionRecord } from '../../../../shared/types/actions';
import { formatClockShort, formatRelativeTime } from '../../format';
import { useApiCall } from '../../hooks/useApiCall';
import { useLiveMessages } from '../../hooks/useLiveMessages';
import { useNow } from '../../hooks/useNow';
import { ErrorState, LoadingState, Panel } from '../StateViews';
import { RUN_STATE_WORDS, runStateClass } from './emergencyFormat';

/** "Succeeded — Freed 3.2 GB on / (predicted 3.5 GB)", "Planned, not run", "Outcome unknown — …". */
function outcomeWords(record: ActionRecord): { text: string; className: string } {
  const outcome = record.outcome;
  if (!outcome) return { text: 'Planned, not run', className: 'muted' };
  const detail = outcome.verified?.summary ?? outcome.message;
  return { text: detail ? `${RUN_STATE_WORDS[outcome.state]} — ${detail}` : RUN_STATE_WORDS[outcome.state], className: runStateClass(outcome.state) };
}

/** Recent plans and runs, newest first, kept live by `action` messages. */
export function RecentActions() {
  const now = useNow();
  const recent = useApiCall('actions.recent', { limit: 20 });
  useLiveMessages((message) => {
    if (message.type !== 'action') return;
    const known = recent.data?.some((r) => r.plan.id === message.outcome.planId);
    if (known) recent.setData((list) => list?.map((r) => (r.plan.id === message.outcome.planId ? { ...r, outcome: message.outcome } : r)));
    else recent.reload();
  });
  return (
    <Panel title="Recent actions">
      {recent.data ? (
        recent.data.length === 0 ? (
          <p className="state state-empty">No action planned yet on this host.</p>
        ) : (
          <ul className="recent-actions">
            {recent.data.map((record) => {
              const words = outcomeWords(record);
              const at = record.outcome?.startedAt ?? record.plan.createdAt;
              return (
                <li key={record.plan.id} aria-label={`${record.plan.title} ${record.plan.id}`}>
                  <span className="recent-title">{record.plan.title}</span>
                  <span className="muted">
                    {formatClockShort(at, now)} ({formatRelativeTime(at, now)}){record.outcome ? ` · by ${record.outcome.actor}` : ''}
                  </span>
                  <span className={words.className}>{words.text}</span>
                </li>
              );
            })}
          </ul>
        )
      ) : recent.error ? (
        <ErrorState title="Could not list the recent actions" error={recent.error} onRetry={recent.reload} />
      ) : (
        <LoadingState what="recent actions" />
      )}
    </Panel>
  );
}

/** @jsxRuntime automatic */
import type { RunDetail } from '../../../../shared/types/runbooks';
import { formatDateTime, formatElapsed } from '../../runbooks/runFormat';
import { RunStateBadge } from './RunbookBadges';

interface RunSummaryHeaderProps {
  run: RunDetail;
  now: number;
  /** The runbook file changed since this run started (it pinned the old text). */
  changed: boolean;
  busy: boolean;
  onResume: () => void;
  onOpenRunbook: (id: string) => void;
  /** Offered once the run ended: a new guided run with the same params. */
  onRunAgain?: (() => void) | null;
  starting?: boolean;
}

/** The run at a glance; its state is announced as it changes. */
export function RunSummaryHeader({ run, now, changed, busy, onResume, onOpenRunbook, onRunAgain, starting = false }: RunSummaryHeaderProps) {
  const params = Object.entries(run.params);
  return (
    <section className="run-summary panel" aria-label="Run summary">
      <header className="run-summary-head">
        <h2>
          Run #{run.id}:{' '}
          <button type="button" className="link" onClick={() => onOpenRunbook(run.runbookId)}>
            {run.runbookTitle}
          </button>
        </h2>
        <span className="run-state" role="status" aria-live="polite" aria-label="Run state">
          <RunStateBadge state={run.state} />
          {run.state === 'waiting' && <span className="muted"> for you</span>}
        </span>
        {onRunAgain && (
          <button type="button" className="run-again" disabled={starting} onClick={onRunAgain}>
            Run again
          </button>
        )}
      </header>
      <dl className="facts">
        <dt>Started</dt>
        <dd>
          {formatDateTime(run.startedAt)} by {run.startedBy}{' '}
          <span className="muted">({run.startedBy === run.trigger ? `${run.mode} run` : `${run.trigger}, ${run.mode} run`})</span>
        </dd>
        <dt>{run.endedAt === null ? 'Running for' : 'Ended'}</dt>
        <dd>{run.endedAt === null ? formatElapsed(run.startedAt, null, now) : `${formatDateTime(run.endedAt)} (took ${formatElapsed(run.startedAt, run.endedAt, now)})`}</dd>
        <dt>Progress</dt>
        <dd>
          step {Math.min(run.currentStep + 1, run.stepCount)} of {run.stepCount}
          {run.summary && <span className="muted"> · {run.summary}</span>}
        </dd>
        {params.length > 0 && (
          <>
            <dt>Params</dt>
            <dd className="run-params">
              {params.map(([name, value]) => (
                <code key={name}>
                  {name}={value}
                </code>
              ))}
            </dd>
          </>
        )}
      </dl>
      {run.suggestedRunbook && (
        <p className="suggested">
          Suggested next:{' '}
          <button type="button" className="link" onClick={() => onOpenRunbook(run.suggestedRunbook!)}>
            open runbook {run.suggestedRunbook}
          </button>
        </p>
      )}
      {changed && <p className="muted">The runbook file changed since this run started; steps show the file as it is now.</p>}
      {run.state === 'interrupted' && (
        <p className="interrupted">
          Opsbar stopped while this run was going.{' '}
          <button type="button" className="primary" disabled={busy} onClick={onResume}>
            Resume
          </button>
        </p>
      )}
    </section>
  );
}

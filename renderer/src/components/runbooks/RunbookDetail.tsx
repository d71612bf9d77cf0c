/** @jsxRuntime automatic */
import type { Runbook, RunMode } from '../../../../shared/types/runbooks';
import { cronInWords } from '../../runbooks/cronWords';
import { useApiCall } from '../../hooks/useApiCall';
import { useStartRun } from '../../hooks/useStartRun';
import { ErrorState, LoadingState } from '../StateViews';
import { Markdown } from './Markdown';
import { ParamsForm } from './ParamsForm';
import { RunbookSeverityBadge } from './RunbookBadges';
import { RunbookStepView } from './RunbookStepView';

function RunbookFacts({ runbook: r }: { runbook: Runbook }) {
  return (
    <dl className="facts">
      <dt>Category</dt>
      <dd>{r.category}</dd>
      {r.estimatedMinutes !== null && (
        <>
          <dt>Takes</dt>
          <dd>~{r.estimatedMinutes} min</dd>
        </>
      )}
      {r.schedule && (
        <>
          <dt>Schedule</dt>
          <dd title={r.schedule}>{cronInWords(r.schedule)}</dd>
        </>
      )}
      {r.triggers.length > 0 && (
        <>
          <dt>Triggers</dt>
          <dd>{r.triggers.map((t) => <code key={t}>{t}</code>)}</dd>
        </>
      )}
      <dt>Steps</dt>
      <dd>
        {r.stepCount} ({r.executableSteps} run something){r.needsOperator && <span className="needs-operator"> · needs an operator</span>}
      </dd>
      <dt>File</dt>
      <dd>
        <code>{r.file}</code> <span className="muted">({r.origin})</span>
      </dd>
    </dl>
  );
}

/** One runbook as written, its params form and the start buttons; a started run opens its own page. */
export function RunbookDetail({ id, onStarted }: { id: string; onStarted: (runId: number) => void }) {
  const runbook = useApiCall('runbooks.get', { id });
  const { start: startRun, starting, error: startError } = useStartRun(onStarted);
  const r = runbook.data;
  if (!r) {
    if (runbook.error) return <ErrorState title={`Could not load runbook ${id}`} error={runbook.error} onRetry={runbook.reload} />;
    return <LoadingState what="the runbook" />;
  }

  const start = (params: Record<string, string>, mode: RunMode) => startRun(r, params, mode);

  return (
    <article className="runbook-detail" aria-label={`Runbook ${r.title}`}>
      <header className="runbook-detail-head">
        <h2>{r.title}</h2>
        <RunbookSeverityBadge severity={r.severity} />
        <code className="muted">{r.id}</code>
      </header>
      {r.description && <p className="runbook-description">{r.description}</p>}
      <RunbookFacts runbook={r} />
      <Markdown text={r.intro} className="runbook-intro" />
      <ParamsForm key={r.hash} params={r.params} busy={starting} onStart={start} />
      {startError && <ErrorState title="The run did not start" error={startError} onRetry={runbook.reload} />}
      <h2 className="steps-heading">Steps</h2>
      <ol className="runbook-steps">
        {r.steps.map((step) => (
          <RunbookStepView key={step.id} step={step} />
        ))}
      </ol>
    </article>
  );
}

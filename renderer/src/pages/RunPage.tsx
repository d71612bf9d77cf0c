/** @jsxRuntime automatic */
import type { RunDetail } from '../../../shared/types/runbooks';
import { RunStepItem } from '../components/runbooks/RunStepItem';
import { RunSummaryHeader } from '../components/runbooks/RunSummaryHeader';
import { RunbooksTabs } from '../components/runbooks/RunbooksTabs';
import { StepActions } from '../components/runbooks/StepActions';
import { ErrorState, LoadingState } from '../components/StateViews';
import { useApiCall } from '../hooks/useApiCall';
import { outputKey, useLiveRun, type LiveRun } from '../hooks/useLiveRun';
import { useNow } from '../hooks/useNow';
import { useRunCommands } from '../hooks/useRunCommands';
import { useStartRun } from '../hooks/useStartRun';

interface RunPageProps {
  runId: number;
  navigate: (route: string) => void;
}

function RunView({ run, live, navigate }: { run: RunDetail; live: LiveRun; navigate: (route: string) => void }) {
  const runbook = useApiCall('runbooks.get', { id: run.runbookId });
  const commands = useRunCommands(run.id, live.apply);
  // Elapsed times tick each second only while something runs.
  const now = useNow(run.state === 'running' ? 1_000 : 60_000);
  const steps = runbook.data?.steps ?? [];
  const openRunbook = (id: string) => navigate(`runbooks?id=${encodeURIComponent(id)}`);
  const again = useStartRun((runId) => navigate(`runbooks/run/${runId}`));
  const ended = run.state === 'succeeded' || run.state === 'failed' || run.state === 'cancelled';
  // Again with the same params, on the runbook as it is now (the steps shown below).
  const runAgain = ended && runbook.data ? () => void again.start(runbook.data!, run.params, 'guided') : null;
  const stepTitle = (id: string) => steps.find((s) => s.id === id)?.title ?? id;
  const count = Math.max(run.stepCount, run.steps.length);
  return (
    <>
      <RunSummaryHeader
        run={run}
        now={now}
        changed={runbook.data !== undefined && runbook.data.hash !== run.hash}
        busy={commands.busy}
        onResume={() => void commands.resume()}
        onOpenRunbook={openRunbook}
        onRunAgain={runAgain}
        starting={again.starting}
      />
      {again.error && (
        <p className="command-error" role="alert">
          {again.error.message}
        </p>
      )}
      {commands.error && run.state === 'interrupted' && (
        <p className="command-error" role="alert">
          {commands.error.message}
        </p>
      )}
      <ol className="run-steps" aria-label="Steps">
        {Array.from({ length: count }, (_, index) => {
          const attempt = run.steps[index] ?? null;
          const current = index === run.currentStep && (run.state === 'running' || run.state === 'waiting');
          return (
            <RunStepItem
              key={index}
              index={index}
              step={steps[index]}
              attempt={attempt}
              earlier={run.attempts.filter((a) => a.stepIndex === index && a.attempt !== attempt?.attempt)}
              current={current}
              live={attempt ? live.outputs.get(outputKey(index, attempt.attempt)) : undefined}
              now={now}
              actions={current ? <StepActions run={run} commands={commands} stepTitle={stepTitle} onOpenRunbook={openRunbook} /> : null}
            />
          );
        })}
      </ol>
    </>
  );
}

/** One run, guided step by step; its address survives a reload (`#/runbooks/run/<id>`). */
export function RunPage({ runId, navigate }: RunPageProps) {
  const live = useLiveRun(runId);
  const run = live.run.data;
  return (
    <div className="runbooks-page run-page">
      <RunbooksTabs current="run" navigate={navigate} />
      {run ? (
        <RunView run={run} live={live} navigate={navigate} />
      ) : live.run.error ? (
        <ErrorState title={`Could not load run #${runId}`} error={live.run.error} onRetry={live.run.reload} />
      ) : (
        <LoadingState what={`run #${runId}`} />
      )}
    </div>
  );
}

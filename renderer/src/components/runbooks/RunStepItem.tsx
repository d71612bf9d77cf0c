/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { RunbookStep, StepAttempt } from '../../../../shared/types/runbooks';
import type { OutputBuffer } from '../../runbooks/outputBuffer';
import { formatElapsed } from '../../runbooks/runFormat';
import { AttemptResult } from './AttemptResult';
import { ExpectedOutput } from './ExpectedOutput';
import { Markdown } from './Markdown';
import { StepBlockView } from './StepBlockView';
import { StepStatusIcon } from './StepStatusIcon';

interface RunStepItemProps {
  index: number;
  /** The step as written (absent when the runbook could not be loaded). */
  step: RunbookStep | undefined;
  attempt: StepAttempt | null;
  earlier: StepAttempt[];
  current: boolean;
  live: OutputBuffer | undefined;
  now: number;
  /** The buttons for the current step. */
  actions: ReactNode;
}

/** One step of a run: state, elapsed time, and for the current or a failed step everything there is to know. */
export function RunStepItem({ index, step, attempt, earlier, current, live, now, actions }: RunStepItemProps) {
  const state = attempt?.state ?? 'pending';
  const title = step?.title ?? attempt?.stepId ?? `Step ${index + 1}`;
  const open = current || state === 'failed';
  const elapsed = attempt ? formatElapsed(attempt.startedAt, attempt.endedAt, now) : '';
  // Attempts are numbered within the run; the operator counts tries at this step.
  const tries = [...earlier].sort((a, b) => a.attempt - b.attempt);
  const tryNumber = attempt ? tries.filter((a) => a.attempt < attempt.attempt).length + 1 : 1;
  const body = (
    <>
      {current && step && <Markdown text={step.prose} />}
      {current && step?.block && <StepBlockView block={step.block} />}
      {attempt && state !== 'pending' && <AttemptResult attempt={attempt} live={live} expectedOutput={step?.expectedOutput ?? null} title={title} tryNumber={tryNumber} />}
      {current && !attempt && <ExpectedOutput text={step?.expectedOutput ?? null} />}
      {earlier.length > 0 && (
        <details className="earlier-attempts">
          <summary>Earlier tries ({earlier.length})</summary>
          <ul>
            {tries.map((a, i) => (
              <li key={a.attempt}>
                <StepStatusIcon state={a.state} /> try {i + 1}: {a.summary}
                {a.note && <span className="muted"> · note: {a.note}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
      {actions}
    </>
  );
  return (
    <li className={`run-step run-step-${state}${current ? ' current' : ''}`} aria-current={current ? 'step' : undefined} aria-label={`Step ${index + 1}: ${title}`}>
      <div className="run-step-head">
        <StepStatusIcon state={state} />
        <span className="run-step-title">
          <span className="step-number">{index + 1}.</span> {title}
        </span>
        {elapsed && <span className="elapsed muted">{elapsed}</span>}
        {!open && attempt?.summary && <span className="run-step-summary muted">{attempt.summary}</span>}
      </div>
      {open ? (
        <div className="run-step-body">{body}</div>
      ) : attempt && state !== 'pending' ? (
        <details className="run-step-details">
          <summary>Output and checks</summary>
          {body}
        </details>
      ) : null}
    </li>
  );
}

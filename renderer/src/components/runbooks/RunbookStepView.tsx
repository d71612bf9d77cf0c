/** @jsxRuntime automatic */
import type { RunbookStep } from '../../../../shared/types/runbooks';
import { ExpectedOutput } from './ExpectedOutput';
import { Markdown } from './Markdown';
import { StepBlockView } from './StepBlockView';

/** A step as written: its prose, its executable block and, beside it, the expected output. */
export function RunbookStepView({ step }: { step: RunbookStep }) {
  return (
    <li className="runbook-step" aria-label={`Step ${step.index + 1}: ${step.title}`}>
      <h3>
        <span className="step-number">{step.index + 1}.</span> {step.title}
      </h3>
      <Markdown text={step.prose} />
      {(step.block || step.expectedOutput !== null) && (
        <div className={step.expectedOutput !== null ? 'step-columns' : undefined}>
          {step.block ? <StepBlockView block={step.block} /> : <p className="muted">Prose only: nothing runs.</p>}
          <ExpectedOutput text={step.expectedOutput} />
        </div>
      )}
    </li>
  );
}

/** @jsxRuntime automatic */
import type { StepBlock, StepTransition } from '../../../../shared/types/runbooks';
import { formatTimeout } from '../../runbooks/runFormat';

export function transitionText(t: StepTransition): string {
  switch (t.kind) {
    case 'goto':
      return `go to ${t.stepId}`;
    case 'runbook':
      return `runbook ${t.runbookId}`;
    default:
      return t.kind;
  }
}

/** The executable block exactly as written, with its kind and attributes; shown as code, never as markdown. */
export function StepBlockView({ block }: { block: StepBlock }) {
  const extra = Object.entries(block.attributes).filter(([key]) => !['id', 'timeout', 'confirm', 'on-failure', 'on-success'].includes(key));
  return (
    <div className="step-block">
      <div className="step-block-attrs">
        <span className="chip chip-kind">{block.kind}</span>
        <span className="chip">timeout {formatTimeout(block.timeoutMs)}</span>
        {block.confirm !== null && <span className="chip chip-confirm">confirm: {block.confirm || 'before it runs'}</span>}
        <span className="chip">on failure: {transitionText(block.onFailure)}</span>
        {block.onSuccess.kind !== 'next' && <span className="chip">on success: {transitionText(block.onSuccess)}</span>}
        {extra.map(([key, value]) => (
          <span key={key} className="chip chip-attr">
            {key}={value}
          </span>
        ))}
      </div>
      <pre className={`code-block kind-${block.kind}`} aria-label={`${block.kind} block`}>
        <code>{block.body}</code>
      </pre>
    </div>
  );
}

/** @jsxRuntime automatic */
import type { RunbookSummary } from '../../../../shared/types/runbooks';
import { cronInWords } from '../../runbooks/cronWords';
import { RunbookSeverityBadge } from './RunbookBadges';

interface RunbookListItemProps {
  runbook: RunbookSummary;
  selected: boolean;
  onSelect: (id: string) => void;
}

/** One library entry: what it is for, how long it takes, when it runs by itself, whether it needs a person. */
export function RunbookListItem({ runbook: r, selected, onSelect }: RunbookListItemProps) {
  return (
    <li className={selected ? 'runbook-item selected' : 'runbook-item'}>
      <button type="button" className="runbook-item-button" aria-current={selected ? 'true' : undefined} onClick={() => onSelect(r.id)}>
        <span className="runbook-item-head">
          <span className="runbook-title">{r.title}</span>
          <RunbookSeverityBadge severity={r.severity} />
        </span>
        {r.description && <span className="runbook-description">{r.description}</span>}
        <span className="runbook-meta muted">
          <span className="runbook-valid" title={r.file}>
            ✓ valid
          </span>
          {r.estimatedMinutes !== null && <span>~{r.estimatedMinutes} min</span>}
          <span>
            {r.stepCount} {r.stepCount === 1 ? 'step' : 'steps'}
          </span>
          {r.schedule && <span title={r.schedule}>runs {cronInWords(r.schedule)}</span>}
          {r.needsOperator && <span className="needs-operator">needs an operator</span>}
        </span>
      </button>
    </li>
  );
}

/** @jsxRuntime automatic */
import { useState } from 'react';
import type { ApiPayload } from '../../../../shared/api/contract';
import type { ActionName, ActionPlan } from '../../../../shared/types/actions';
import { formatBytes, formatClockShort } from '../../format';
import { useActionPlan } from '../../hooks/useActionPlan';
import { useActionRun } from '../../hooks/useActionRun';
import { useNow } from '../../hooks/useNow';
import { ErrorState, LoadingState } from '../StateViews';
import { ActionProgress } from './ActionProgress';
import { predictedOf } from './emergencyFormat';
import { KeptList } from './KeptList';
import { PlanItemsTable } from './PlanItemsTable';
import { VerifiedResult } from './VerifiedResult';

export const EXPIRED = 'This plan expired: plan again.';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What an empty plan means, per action, and what to do. */
export const NOTHING_TO_DO: Record<ActionName, string> = {
  disk: 'Nothing to free: no stopped containers, dangling images, build cache or big logs.',
  gpu: 'Nothing to relieve: no model, container or process of yours holds GPU memory.',
  rollback: 'Nothing to roll back: the snapshot matches the stack as it runs now.',
  container: 'Nothing to do: the container is already in that state.',
};

interface PlanAndRunProps {
  plan: ActionPlan;
  onReplan: () => void;
  onRollForward?: (snapshotId: string) => void;
}

/** One plan: tick, confirm, follow, see the verified result. Keyed by plan id: a new plan starts fresh. */
function PlanAndRun({ plan, onReplan, onRollForward }: PlanAndRunProps) {
  const now = useNow(1_000);
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(plan.items.filter((i) => i.selected).map((i) => i.id)));
  const run = useActionRun(plan);
  const predicted = predictedOf(plan.items, ticked);
  const expired = now >= plan.expiresAt || (run.error !== null && /expired/i.test(run.error.message));
  const started = run.outcome !== null;
  const refused = plan.refusals.length > 0;
  const canConfirm = !refused && !expired && !started && !run.starting && predicted.count > 0;

  const toggle = (id: string, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <div className="action-plan" aria-label="Plan">
      <header className="action-plan-head">
        <h3>{plan.title}</h3>
        <span className="muted">
          planned {formatClockShort(plan.createdAt, now)} · plan {plan.id}
        </span>
        {!started || run.outcome?.state !== 'running' ? (
          <button type="button" onClick={onReplan} disabled={run.starting}>
            Plan again
          </button>
        ) : null}
      </header>
      {refused ? (
        <div className="state state-error" role="alert">
          <strong>This plan cannot run; nothing was touched.</strong>
          <ul>
            {plan.refusals.map((refusal) => (
              <li key={refusal}>{refusal}</li>
            ))}
          </ul>
          <p>Fix what is named above, then plan again.</p>
        </div>
      ) : null}
      {plan.notes.length > 0 ? (
        <ul className="plan-notes" aria-label="Notes">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {plan.items.length === 0 ? (
        <p className="state state-empty">{NOTHING_TO_DO[plan.action]}</p>
      ) : !started ? (
        <PlanItemsTable
          items={plan.items}
          ticked={ticked}
          onToggle={toggle}
          onAll={(on) => setTicked(on ? new Set(plan.items.map((i) => i.id)) : new Set())}
          disabled={run.starting}
        />
      ) : null}
      {!started ? <KeptList kept={plan.kept} /> : null}
      {!started && plan.items.length > 0 ? (
        <div className="plan-confirm">
          <p className="plan-total" aria-live="polite">
            {predicted.count} of {plan.items.length} items ticked
            {plan.action === 'container' ? null : (
              <>
                {' '}
                · {plan.action === 'gpu' ? 'memory held' : 'predicted to free'} <strong>{formatBytes(predicted.bytes)}</strong>
                {predicted.unknown > 0 ? `, plus ${plural(predicted.unknown, 'item')} whose size is not known before (the result measures it)` : ''}
              </>
            )}
          </p>
          <button
            type="button"
            className="button-danger"
            disabled={!canConfirm}
            onClick={() => run.execute(plan.items.filter((i) => ticked.has(i.id)).map((i) => i.id))}
          >
            {run.starting ? 'Starting…' : `Confirm: ${plan.title.toLowerCase()} (${plural(predicted.count, 'item')})`}
          </button>
          {expired ? (
            <p role="alert" className="plan-error">
              {EXPIRED}
            </p>
          ) : run.error ? (
            <p role="alert" className="plan-error">
              {run.error.message}
            </p>
          ) : predicted.count === 0 ? (
            <p className="muted">Tick at least one item to confirm.</p>
          ) : null}
        </div>
      ) : null}
      {run.outcome ? <ActionProgress plan={plan} outcome={run.outcome} onCancel={run.cancel} cancelling={run.cancelling} /> : null}
      {run.outcome && run.outcome.state !== 'running' ? <VerifiedResult outcome={run.outcome} {...(onRollForward ? { onRollForward } : {})} /> : null}
      {/* Once running, what happens comes first; what was kept is still there below. */}
      {started ? <KeptList kept={plan.kept} /> : null}
    </div>
  );
}

interface ActionPlanPanelProps {
  request: ApiPayload<'actions.plan'>;
  onRollForward?: (snapshotId: string) => void;
}

/** Plans the request and shows the plan; "Plan again" replaces it with a fresh one. */
export function ActionPlanPanel({ request, onRollForward }: ActionPlanPanelProps) {
  const { plan, error, planning, replan } = useActionPlan(request);
  if (!plan) {
    if (error) return <ErrorState title="Could not make a plan; nothing was touched" error={error} onRetry={replan} />;
    return <LoadingState what="the plan" />;
  }
  return (
    <div className={planning ? 'action-plan-wrap replanning' : 'action-plan-wrap'}>
      {planning ? <LoadingState what="a fresh plan" /> : null}
      <PlanAndRun key={plan.id} plan={plan} onReplan={replan} {...(onRollForward ? { onRollForward } : {})} />
    </div>
  );
}

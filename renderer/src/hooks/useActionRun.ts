import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionOutcome, ActionPlan } from '../../../shared/types/actions';
import { ApiCallError } from '../transport';
import { useClient, useConnection } from './opsbarContext';
import { useLiveMessages } from './useLiveMessages';

const SETTLED = new Set(['done', 'skipped', 'failed', 'unknown']);

function settledCount(outcome: ActionOutcome): number {
  return outcome.items.filter((item) => SETTLED.has(item.outcome) || item.outcome === 'in-flight').length;
}

/**
 * The newer of two views of one run. Live messages and the execute answer can arrive in either
 * order, so a finished run is never replaced by a running one, nor a run by one that has done less.
 */
export function newerOutcome(current: ActionOutcome | null, next: ActionOutcome): ActionOutcome {
  if (!current) return next;
  if (current.state !== 'running' && next.state === 'running') return current;
  if (current.state === 'running' && next.state === 'running' && settledCount(next) < settledCount(current)) return current;
  return next;
}

export interface ActionRunState {
  outcome: ActionOutcome | null;
  /** The execute call was refused (expired plan, another action running) or failed. */
  error: ApiCallError | Error | null;
  starting: boolean;
  cancelling: boolean;
  execute: (itemIds: string[]) => void;
  cancel: () => void;
}

/** Executes a confirmed plan and follows its run through the live `action` messages for its id. */
export function useActionRun(plan: ActionPlan | null, initial: ActionOutcome | null = null): ActionRunState {
  const client = useClient();
  const { epoch } = useConnection();
  const [outcome, setOutcome] = useState<ActionOutcome | null>(initial);
  const [error, setError] = useState<Error | null>(null);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const planId = plan?.id ?? null;
  const running = useRef(false);
  running.current = outcome?.state === 'running';

  useLiveMessages((message) => {
    if (message.type === 'action' && planId !== null && message.outcome.planId === planId) setOutcome((current) => newerOutcome(current, message.outcome));
  });

  // After a reconnect the live messages in between are lost: read the run once.
  useEffect(() => {
    if (!planId || !running.current || epoch === 0) return;
    let alive = true;
    client.call('actions.get', { planId }).then(
      (record) => {
        if (alive && record.outcome) setOutcome((current) => newerOutcome(current, record.outcome!));
      },
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [client, epoch, planId]);

  const execute = useCallback(
    (itemIds: string[]) => {
      if (!plan) return;
      setStarting(true);
      setError(null);
      client.call('actions.execute', { planId: plan.id, hash: plan.hash, confirm: true, itemIds }).then(
        (answer) => {
          setOutcome((current) => newerOutcome(current, answer));
          setStarting(false);
        },
        (reason: unknown) => {
          setError(reason instanceof Error ? reason : new Error(String(reason)));
          setStarting(false);
        },
      );
    },
    [client, plan],
  );

  const cancel = useCallback(() => {
    if (!planId) return;
    setCancelling(true);
    client.call('actions.cancel', { planId }).then(
      () => setCancelling(false),
      (reason: unknown) => {
        setError(reason instanceof Error ? reason : new Error(String(reason)));
        setCancelling(false);
      },
    );
  }, [client, planId]);

  return { outcome, error, starting, cancelling, execute, cancel };
}

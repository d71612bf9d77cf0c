import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiPayload } from '../../../shared/api/contract';
import type { ActionPlan } from '../../../shared/types/actions';
import { useClient } from './opsbarContext';

export interface ActionPlanState {
  plan: ActionPlan | null;
  error: Error | null;
  planning: boolean;
  /** Plans again (the host may have changed): a new id, hash and item list. */
  replan: () => void;
}

/**
 * One plan for a request. Unlike useApiCall it does not plan again by itself after a reconnect:
 * the plan on screen is what the operator is ticking, and only "Plan again" replaces it.
 */
export function useActionPlan(request: ApiPayload<'actions.plan'>): ActionPlanState {
  const client = useClient();
  const [plan, setPlan] = useState<ActionPlan | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [planning, setPlanning] = useState(true);
  const [nonce, setNonce] = useState(0);
  const latest = useRef(0);
  const key = JSON.stringify(request);

  useEffect(() => {
    let alive = true;
    const ticket = ++latest.current;
    setPlanning(true);
    client.call('actions.plan', JSON.parse(key) as ApiPayload<'actions.plan'>).then(
      (value) => {
        if (!alive || ticket !== latest.current) return;
        setPlan(value);
        setError(null);
        setPlanning(false);
      },
      (reason: unknown) => {
        if (!alive || ticket !== latest.current) return;
        setPlan(null);
        setError(reason instanceof Error ? reason : new Error(String(reason)));
        setPlanning(false);
      },
    );
    return () => {
      alive = false;
    };
  }, [client, key, nonce]);

  const replan = useCallback(() => setNonce((n) => n + 1), []);
  return { plan, error, planning, replan };
}

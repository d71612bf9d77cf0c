import { useCallback, useEffect, useRef, useState } from 'react';
import type { SetupDetection } from '../../../../shared/types/setup';
import { useClient } from '../../hooks/opsbarContext';

/**
 * Whether this is a first start, asked once on load. Any failure (an older core, a fake
 * transport, the network) reads as "not a first run": the dashboard is never held back by it.
 */
export function useFirstRun(): { phase: 'checking' | 'welcome' | 'app'; detection: SetupDetection | null; done(): void } {
  const client = useClient();
  const [state, setState] = useState<{ phase: 'checking' | 'welcome' | 'app'; detection: SetupDetection | null }>({ phase: 'checking', detection: null });
  useEffect(() => {
    let alive = true;
    client.call('setup.detect', {}).then(
      (detection) => alive && setState(detection.firstRun ? { phase: 'welcome', detection } : { phase: 'app', detection: null }),
      () => alive && setState({ phase: 'app', detection: null }),
    );
    return () => {
      alive = false;
    };
  }, [client]);
  const done = useCallback(() => setState({ phase: 'app', detection: null }), []);
  return { ...state, done };
}

/** Detection again, on the operator's "Look again" (a Docker just started, a tool just installed). */
export function useDetectAgain(initial: SetupDetection): { detection: SetupDetection; loading: boolean; error: Error | null; again(): void } {
  const client = useClient();
  const [state, setState] = useState<{ detection: SetupDetection; loading: boolean; error: Error | null }>({ detection: initial, loading: false, error: null });
  const ticket = useRef(0);
  const again = useCallback(() => {
    const mine = ++ticket.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    client.call('setup.detect', {}).then(
      (detection) => mine === ticket.current && setState({ detection, loading: false, error: null }),
      (reason: unknown) => mine === ticket.current && setState((s) => ({ ...s, loading: false, error: reason instanceof Error ? reason : new Error(String(reason)) })),
    );
  }, [client]);
  return { ...state, again };
}

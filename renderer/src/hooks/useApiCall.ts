import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiMethod, ApiPayload, ApiResult } from '../../../shared/api/contract';
import { useClient, useConnection } from './opsbarContext';

export interface ApiCallState<T> {
  data: T | undefined;
  error: Error | null;
  loading: boolean;
  reload: () => void;
  /** Replace the data locally, e.g. from a live message. */
  setData: (update: (current: T | undefined) => T | undefined) => void;
}

/**
 * One API call's result, refetched when the payload changes, after a reconnect (data may be
 * stale) and on `reload()`. Older answers never overwrite newer ones.
 */
export function useApiCall<M extends ApiMethod>(
  method: M,
  payload: ApiPayload<M>,
): ApiCallState<ApiResult<M>> {
  const client = useClient();
  const { epoch } = useConnection();
  const [data, setDataState] = useState<ApiResult<M> | undefined>(undefined);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);
  const [nonce, setNonce] = useState(0);
  const latest = useRef(0);
  const key = JSON.stringify(payload);

  useEffect(() => {
    let alive = true;
    const ticket = ++latest.current;
    client.call(method, JSON.parse(key) as ApiPayload<M>).then(
      (value) => {
        if (!alive || ticket !== latest.current) return;
        setDataState(() => value);
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (!alive || ticket !== latest.current) return;
        setError(reason instanceof Error ? reason : new Error(String(reason)));
        setLoading(false);
      },
    );
    return () => {
      alive = false;
    };
  }, [client, method, key, epoch, nonce]);

  const reload = useCallback(() => {
    setLoading(true);
    setNonce((n) => n + 1);
  }, []);
  const setData = useCallback((update: (current: ApiResult<M> | undefined) => ApiResult<M> | undefined) => {
    setDataState((current) => update(current));
  }, []);

  return { data, error, loading, reload, setData };
}

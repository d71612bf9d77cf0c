/** @jsxRuntime automatic */
import type { StatusSnapshot } from '../../../shared/types/status';
import type { ApiCallState } from '../hooks/useApiCall';

// FOUNDATION STUB — the http helper replaces this file.
/** HTTP health checks: each check's state, latency history, what a failing one answered; suggestions to add. */
export function HttpChecksPage(_props: { status: ApiCallState<StatusSnapshot>; navigate: (route: string) => void }) {
  return <div className="http-page" />;
}

/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { StatusCheck } from '../../../../shared/types/status';
import { useLiveStatus } from '../../hooks/useLiveStatus';

interface WithStatusChecksProps {
  /** The status checks the caller already has (the app's live status); read here when not given. */
  checks: readonly StatusCheck[] | undefined;
  children: (checks: readonly StatusCheck[]) => ReactNode;
}

function LiveStatusChecks({ children }: Pick<WithStatusChecksProps, 'children'>) {
  const status = useLiveStatus();
  return <>{children(status.data?.checks ?? [])}</>;
}

/**
 * Hands the status checks to its children: the ones given, else those of a live status read
 * here (one more `status.get` and live subscription). Pages pass the app's status where the
 * route gives it, so the checks come from the one status the header and Overview show.
 */
export function WithStatusChecks({ checks, children }: WithStatusChecksProps) {
  return checks ? <>{children(checks)}</> : <LiveStatusChecks>{children}</LiveStatusChecks>;
}

/** @jsxRuntime automatic */
import { STACK_NAME_PATTERN, stackRestartRoute } from '../../../../shared/actions/containerRoutes';
import type { Stack } from '../../../../shared/types/docker';

/** "Restart stack…" for a compose stack: a link to its plan (stop in reverse dependency order, start in order, wait healthy). */
export function StackActions({ stack }: { stack: Pick<Stack, 'name' | 'kind'> }) {
  if (stack.kind !== 'compose' || !STACK_NAME_PATTERN.test(stack.name)) return null;
  return (
    <span className="stack-actions">
      <a className="container-action" href={stackRestartRoute(stack.name)} aria-label={`Restart stack ${stack.name}…`}>
        Restart stack…
      </a>
    </span>
  );
}

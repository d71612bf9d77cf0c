import type { ContainerActionParams } from '../../../../shared/api/contract/actions';
import type { ActionPlugin } from '../actionPlugin';
import { dockerCallsFor, dockerMessage } from '../rollback/dockerCalls';
import { executeContainerItem } from './containerExecute';
import { planContainerAction } from './containerPlan';
import { readContainer } from './containerReading';
import { verifyContainerAction } from './containerVerify';

/**
 * Restart, stop or start a container, or restart a compose stack in dependency order: a plan of
 * the exact containers (id, image, start time re-checked before each), the Engine API calls, and
 * success only when each is in its new state (running and healthy, or stopped). A stack is a
 * sequence: a container that does not come up stops the ones after it.
 */
export function createContainerAction(): ActionPlugin<ContainerActionParams> {
  return {
    name: 'container',
    stopOnFailure: true,
    plan: (params, deps) => planContainerAction(params, deps),

    async prepare(_plan, items, context): Promise<{ refusals: string[]; before: Record<string, number | null> }> {
      // Docker must answer before anything stops: a stack half stopped because the engine went away is worse than none.
      try {
        const docker = context.dockerAdmin();
        const first = items[0];
        if (first) await readContainer(String(first.facts.containerId), docker, dockerCallsFor(context.signal, context.callTimeoutMs));
        return { refusals: [], before: { containers: items.length } };
      } catch (error) {
        return { refusals: [`Docker did not answer before the first container (${dockerMessage(error)}): nothing was touched; try again when Docker answers.`], before: {} };
      }
    },

    executeItem: (item, _plan, context) => executeContainerItem(item, context),
    verify: (plan, outcomes, _before, context) => verifyContainerAction(plan, outcomes, context),
  };
}

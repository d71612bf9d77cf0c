import type { ContainerActionParams } from '../../../../shared/api/contract/actions';
import type { ActionPlugin } from '../actionPlugin';

// FOUNDATION STUB — the container-actions helper replaces this file.
/** Restart, stop or start a container, or restart a compose stack in dependency order. */
export function createContainerAction(): ActionPlugin<ContainerActionParams> {
  const refuse = async () => ({ title: 'Container action', items: [], kept: [], notes: [], refusals: ['not implemented'] });
  return {
    name: 'container',
    plan: refuse,
    prepare: async () => ({ refusals: ['not implemented'], before: {} }),
    executeItem: async () => ({ outcome: 'failed', detail: 'not implemented' }),
    stopOnFailure: true,
    verify: async () => {
      throw new Error('not implemented');
    },
  };
}

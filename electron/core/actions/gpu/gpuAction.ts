import type { GpuActionParams } from '../../../../shared/api/contract/actions';
import type { ActionPlugin } from '../actionPlugin';

/** STUB (foundation): replaced by the gpu engineer. */
export function createGpuAction(): ActionPlugin<GpuActionParams> {
  const notBuilt = (): never => {
    throw new Error('the gpu action is not built yet');
  };
  return {
    name: 'gpu',
    stopOnFailure: false,
    plan: async () => notBuilt(),
    prepare: async () => notBuilt(),
    executeItem: async () => notBuilt(),
    verify: async () => notBuilt(),
  };
}

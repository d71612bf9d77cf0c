import type { DiskActionParams } from '../../../../shared/api/contract/actions';
import type { ActionPlugin } from '../actionPlugin';

/** STUB (foundation): replaced by the disk engineer. */
export function createDiskAction(): ActionPlugin<DiskActionParams> {
  const notBuilt = (): never => {
    throw new Error('the disk action is not built yet');
  };
  return {
    name: 'disk',
    stopOnFailure: false,
    plan: async () => notBuilt(),
    prepare: async () => notBuilt(),
    executeItem: async () => notBuilt(),
    verify: async () => notBuilt(),
  };
}

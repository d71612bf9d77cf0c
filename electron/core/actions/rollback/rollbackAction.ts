import type { RollbackActionParams } from '../../../../shared/api/contract/actions';
import type { ActionPlugin } from '../actionPlugin';

/** STUB (foundation): replaced by the rollback engineer. */
export function createRollbackAction(): ActionPlugin<RollbackActionParams> {
  const notBuilt = (): never => {
    throw new Error('the rollback action is not built yet');
  };
  return {
    name: 'rollback',
    stopOnFailure: true,
    plan: async () => notBuilt(),
    prepare: async () => notBuilt(),
    executeItem: async () => notBuilt(),
    verify: async () => notBuilt(),
  };
}

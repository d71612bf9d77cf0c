import type { DiskUsageView } from '../../../../shared/types/actions';
import type { ActionDeps } from '../actionPlugin';

/** STUB (foundation): what fills the disk — replaced by the disk engineer. */
export async function readDiskUsage(deps: ActionDeps): Promise<DiskUsageView> {
  return { at: deps.clock.now(), roots: [], growth: [], elapsedMs: 0 };
}

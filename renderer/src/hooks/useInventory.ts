import type { HostInventory } from '../../../shared/types/inventory';
import { useApiCall, type ApiCallState } from './useApiCall';

/** What the host is (CPU, OS, GPU controllers): the core reads it once at start, so one call suffices. */
export function useInventory(): ApiCallState<HostInventory> {
  return useApiCall('inventory.get', {});
}

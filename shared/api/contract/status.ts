import type { HostInventory } from '../../types/inventory';
import type { StatusSnapshot } from '../../types/status';
import { method, noPayload } from './method';

/** The at-a-glance status: every monitor module's snapshot, its checks, the overall severity. */
export const statusMethods = {
  'status.get': method<StatusSnapshot>()(noPayload),
  /** What the host is (CPU, OS, GPU controllers), read once at start. */
  'inventory.get': method<HostInventory>()(noPayload),
} as const;

import type { HostInventory } from '../../../shared/types/inventory';

export interface InventoryCache {
  /** The inventory; the first call starts the one read, every call shares it. */
  get(): Promise<HostInventory>;
}

/** Reads the host inventory once (it does not change while Opsbar runs) and shares it. */
export function createInventoryCache(read: () => Promise<HostInventory>): InventoryCache {
  let pending: Promise<HostInventory> | null = null;
  return {
    get: () => (pending ??= read()),
  };
}

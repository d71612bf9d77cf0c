export { readHostInventory, type HostInventoryOptions, type SystemInformationLike } from './hostInventory';
export { createInventoryCache, type InventoryCache } from './inventoryCache';
export { settleWithin, type Settled } from './settleWithin';

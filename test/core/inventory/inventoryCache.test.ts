import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createInventoryCache } from '../../../electron/core/inventory';
import type { HostInventory } from '../../../shared/types/inventory';

const inventory: HostInventory = { at: 1, cpu: null, os: null, memoryBytes: 8, gpus: [], error: null };

test('reads once and shares the one promise, also while the read is running', async () => {
  let reads = 0;
  const cache = createInventoryCache(async () => {
    reads++;
    return inventory;
  });
  assert.equal(reads, 0, 'nothing read before the first get');
  const [a, b] = [cache.get(), cache.get()];
  assert.equal(a, b);
  assert.equal(await a, inventory);
  assert.equal(await cache.get(), inventory);
  assert.equal(reads, 1);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import { readHostInventory, type SystemInformationLike } from '../../../electron/core/inventory';
import { systemClock } from '../../../electron/core/clock';
import { HANG_GUARD_MS } from '../../support/eventually';
import { TestClock } from '../../support/testClock';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

/** A fake systeminformation; each method can be replaced. */
function fakeSi(overrides: Partial<SystemInformationLike> = {}): SystemInformationLike {
  return {
    cpu: async () => ({ manufacturer: 'Apple', brand: 'M1 Pro', cores: 10, physicalCores: 10 }),
    osInfo: async () => ({ platform: 'darwin', distro: 'macOS', release: '14.5', arch: 'arm64', kernel: '23.5.0' }),
    mem: async () => ({ total: 32 * GIB }),
    // As systeminformation reports Apple Silicon: Built-In, shared memory, cores as a string.
    graphics: async () => ({ controllers: [{ vendor: 'Apple', model: 'Apple M1 Pro', bus: 'Built-In', vram: null, vramDynamic: true, cores: '16' as unknown as number }] }),
    ...overrides,
  };
}

test('an Apple Silicon Mac: CPU, OS, memory and the GPU with its core count', async () => {
  const clock = new TestClock();
  const inventory = await readHostInventory({ si: fakeSi(), clock });
  assert.deepEqual(inventory, {
    at: clock.now(),
    cpu: { manufacturer: 'Apple', brand: 'M1 Pro', cores: 10, physicalCores: 10 },
    os: { platform: 'darwin', distro: 'macOS', release: '14.5', arch: 'arm64', kernel: '23.5.0' },
    memoryBytes: 32 * GIB,
    gpus: [{ vendor: 'Apple', model: 'Apple M1 Pro', vramBytes: null, cores: 16 }],
    error: null,
  });
  assert.equal(clock.pendingTimers, 0, 'every deadline timer is cleared');
});

test('Linux with NVIDIA: VRAM in MB becomes bytes; shared memory and empty controllers are not dedicated VRAM', async () => {
  const graphics = async () => ({
    controllers: [
      { vendor: 'NVIDIA Corporation', model: 'GA102 [GeForce RTX 3080]', vram: 10240, vramDynamic: false },
      { vendor: 'Intel Corporation', model: 'UHD Graphics 630', vram: 256, vramDynamic: true },
      { vendor: '', model: '', vram: null, vramDynamic: false },
    ],
  });
  const inventory = await readHostInventory({ si: fakeSi({ graphics }), clock: new TestClock() });
  assert.deepEqual(inventory.gpus, [
    { vendor: 'NVIDIA Corporation', model: 'GA102 [GeForce RTX 3080]', vramBytes: 10240 * MIB, cores: null },
    { vendor: 'Intel Corporation', model: 'UHD Graphics 630', vramBytes: null, cores: null },
  ]);
});

test('a failing call is left out and named; the rest is still read', async () => {
  const inventory = await readHostInventory({
    si: fakeSi({
      cpu: async () => {
        throw new Error('cannot read /proc/cpuinfo');
      },
      graphics: () => {
        throw new Error('lspci: not found'); // thrown, not rejected
      },
    }),
    clock: new TestClock(),
  });
  assert.equal(inventory.cpu, null);
  assert.deepEqual(inventory.gpus, []);
  assert.equal(inventory.memoryBytes, 32 * GIB);
  assert.equal(inventory.os?.platform, 'darwin');
  assert.equal(inventory.error, 'cpu: cannot read /proc/cpuinfo; graphics: lspci: not found');
});

test('a hung call does not block: it gives up at its own deadline, the others answer', async () => {
  const clock = new TestClock();
  let done = false;
  const reading = readHostInventory({ si: fakeSi({ graphics: () => new Promise(() => {}) }), clock, timeoutMs: 2_000 }).then((inv) => {
    done = true;
    return inv;
  });
  await clock.advance(1_999);
  assert.equal(done, false);
  await clock.advance(1);
  const inventory = await reading;
  assert.equal(inventory.error, 'graphics: no answer in 2 s');
  assert.deepEqual(inventory.gpus, []);
  assert.equal(inventory.cpu?.brand, 'M1 Pro');
  assert.equal(clock.pendingTimers, 0);
});

test('everything fails, or answers nonsense: nulls and one error line, no throw', async () => {
  const boom = async () => {
    throw new Error('boom');
  };
  const failed = await readHostInventory({ si: { cpu: boom, osInfo: boom, mem: boom, graphics: boom }, clock: new TestClock() });
  assert.deepEqual(failed, { at: failed.at, cpu: null, os: null, memoryBytes: null, gpus: [], error: 'cpu: boom; os: boom; memory: boom; graphics: boom' });
  const odd = await readHostInventory({
    si: fakeSi({ mem: async () => ({ total: Number.NaN }), graphics: async () => ({}) as { controllers: [] } }),
    clock: new TestClock(),
  });
  assert.equal(odd.memoryBytes, null);
  assert.deepEqual(odd.gpus, []);
  assert.equal(odd.error, null);
});

// The deadline itself is tested on the test clock above; here it only ends a hang, so a busy
// machine's slow systeminformation is not mistaken for a missing CPU.
test('the real systeminformation on this machine: the shape', async () => {
  const started = Date.now();
  const inventory = await readHostInventory({ clock: systemClock, timeoutMs: HANG_GUARD_MS });
  assert.ok(inventory.at >= started && inventory.at <= Date.now());
  assert.ok(inventory.cpu, inventory.error ?? 'no cpu');
  assert.ok(inventory.cpu.cores > 0 && inventory.cpu.physicalCores > 0 && inventory.cpu.brand.length > 0);
  assert.equal(inventory.os?.platform, process.platform);
  assert.equal(inventory.os?.arch, os.arch());
  assert.equal(inventory.memoryBytes, os.totalmem());
  assert.ok(Array.isArray(inventory.gpus)); // may be empty: no GPU here
  for (const gpu of inventory.gpus) {
    assert.equal(typeof gpu.vendor, 'string');
    assert.equal(typeof gpu.model, 'string');
    assert.ok(gpu.vramBytes === null || gpu.vramBytes > 0);
    assert.ok(gpu.cores === null || gpu.cores > 0);
  }
  assert.ok(inventory.error === null || typeof inventory.error === 'string');
});

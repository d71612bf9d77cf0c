// The nvidia-smi loop's state machine, driven by a scripted child process and a hand-driven clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNvidiaLoop, type NvidiaLoopOptions } from '../../../../../electron/core/monitors/gpu/nvidia/nvidiaLoop';
import { ManualClock, flushPromises } from '../../../../support/manualClock';
import { fakeSpawner, gpuLine } from './fakeLoopChild';

const DRIVER_FAILURE =
  "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.";

function setup(over: Partial<NvidiaLoopOptions> = {}) {
  const clock = new ManualClock();
  const spawner = fakeSpawner();
  let changes = 0;
  const loop = createNvidiaLoop({
    nvidiaSmiPath: '',
    intervalMs: 1000,
    timeoutMs: 5000,
    clock,
    spawn: spawner.spawn,
    exists: (p) => p === '/usr/bin/nvidia-smi',
    envPath: '/usr/bin',
    backoff: { initialMs: 1000, maxMs: 60_000, resetAfterMs: 60_000 },
    killGraceMs: 2000,
    ...over,
  });
  loop.start(() => changes++);
  return { clock, spawner, loop, changes: () => changes };
}

test('one long-running nvidia-smi; GPU lines become devices, one change per chunk', async () => {
  const { spawner, loop, changes } = setup();
  assert.equal(spawner.children.length, 1);
  assert.equal(spawner.last.file, '/usr/bin/nvidia-smi');
  assert.deepEqual(spawner.last.args.slice(1), ['--format=csv,noheader,nounits', '-lms', '1000']);
  assert.equal(loop.status().state, 'starting');
  spawner.last.print(gpuLine(0) + gpuLine(1));
  assert.equal(changes(), 1);
  const status = loop.status();
  assert.equal(status.state, 'ok');
  assert.deepEqual(status.devices.map((d) => [d.index, d.name, d.memoryUsedBytes]), [[0, 'NVIDIA H100 0', 1024 * 1048576], [1, 'NVIDIA H100 1', 1024 * 1048576]]);
  assert.equal(status.driverVersion, '590.48.01');
  await loop.settled();
});

test('a GPU the loop stops reporting is dropped after ~3 intervals; the rest stay', async () => {
  const { clock, spawner, loop } = setup();
  spawner.last.print(gpuLine(0) + gpuLine(1));
  for (let i = 0; i < 4; i++) {
    await clock.advance(1000);
    spawner.last.print(gpuLine(0, { 'utilization.gpu': String(i) }));
  }
  assert.deepEqual(loop.status().devices.map((d) => [d.index, d.utilizationPercent]), [[0, 3]]);
});

test('exit: the last sample stays, restarts back off 1 s, 2 s, 4 s, and start over after a healthy run', async () => {
  const { clock, spawner, loop } = setup();
  spawner.last.print(gpuLine(0));
  spawner.last.exit(0);
  await flushPromises();
  assert.equal(loop.status().state, 'ok', 'a stand-in that prints one sample and exits still yields devices');
  const startTimes: number[] = [];
  const start = clock.now();
  for (let n = 2; n <= 4; n++) {
    while (spawner.children.length < n) await clock.advance(100);
    startTimes.push(clock.now() - start - startTimes.reduce((a, b) => a + b, 0));
    spawner.last.print(gpuLine(0));
    spawner.last.exit(1);
    await flushPromises();
  }
  assert.deepEqual(startTimes, [1000, 2000, 4000]);
  // A run that reports for a minute was healthy: the next wait is short again.
  while (spawner.children.length < 5) await clock.advance(100);
  for (let i = 0; i < 61; i++) {
    spawner.last.print(gpuLine(0));
    await clock.advance(1000);
  }
  spawner.last.exit(0);
  await flushPromises();
  const exitedAt = clock.now();
  while (spawner.children.length < 6) await clock.advance(100);
  assert.equal(clock.now() - exitedAt, 1000);
});

test('no line within timeoutMs: unknown, but it keeps waiting and a late line is ok', async () => {
  const { clock, spawner, loop } = setup();
  let settled = false;
  void loop.settled().then(() => (settled = true));
  await clock.advance(4999);
  assert.equal(settled, false);
  await clock.advance(1);
  assert.equal(settled, true);
  assert.deepEqual([loop.status().state, loop.status().error], ['unknown', 'nvidia-smi did not answer in 5 s']);
  assert.equal(spawner.children.length, 1, 'not killed at the first deadline');
  spawner.last.print(gpuLine(0));
  assert.equal(loop.status().state, 'ok');
});

test('a loop that falls silent is killed (SIGTERM, then SIGKILL) and started again', async () => {
  const { clock, spawner, loop } = setup();
  const first = spawner.last;
  first.diesOn = new Set(); // survives SIGTERM
  first.print(gpuLine(0));
  await clock.advance(5000 + 3 * 1000);
  assert.deepEqual(first.signals, ['SIGTERM']);
  assert.deepEqual([loop.status().state, loop.status().error], ['unknown', 'nvidia-smi did not answer in 8 s']);
  assert.deepEqual(loop.status().devices, [], 'stale figures are not shown as current');
  await clock.advance(2000);
  assert.deepEqual(first.signals, ['SIGTERM', 'SIGKILL']);
  assert.equal(spawner.children.length, 1);
  await clock.advance(1000);
  assert.equal(spawner.children.length, 2, 'restarted after the backoff');
});

test('an old driver that rejects a field (on stderr) is asked again with fewer fields, and that set is kept', async () => {
  const { clock, spawner, loop } = setup();
  assert.ok(spawner.last.fields.includes('mig.mode.current'));
  spawner.last.printErr('Field "mig.mode.current" is not a valid field to query.\n\n');
  spawner.last.exit(2);
  await clock.advance(0);
  assert.equal(spawner.children.length, 2, 'asked again at once');
  assert.ok(!spawner.last.fields.includes('mig.mode.current'));
  spawner.last.print('Field "power.limit" is not a valid field to query.\n');
  spawner.last.exit(2);
  await clock.advance(0);
  const fields = spawner.last.fields;
  assert.deepEqual(fields, ['index', 'uuid', 'driver_version', 'memory.used', 'memory.total', 'utilization.gpu', 'temperature.gpu', 'power.draw', 'name']);
  spawner.last.print(gpuLine(0, {}, fields));
  assert.equal(loop.status().state, 'ok');
  assert.equal(loop.status().devices[0].powerLimitW, null);
  assert.equal(loop.status().devices[0].migMode, null);
  spawner.last.exit(0);
  await clock.advance(1000);
  assert.deepEqual(spawner.last.fields, fields, 'the working set is remembered across restarts');
});

test('a field rejection that cannot be helped is reported', async () => {
  const { clock, spawner, loop } = setup();
  for (let i = 0; i < 3; i++) {
    spawner.last.print('Field "index" is not a valid field to query.\n');
    spawner.last.exit(2);
    await clock.advance(0);
  }
  assert.equal(loop.status().state, 'unknown');
  assert.match(loop.status().error ?? '', /rejected the fields Opsbar needs \(Field "index"/);
});

test('driver failure and "No devices were found" are classified in plain words', async () => {
  const failing = setup();
  failing.spawner.last.print(`${DRIVER_FAILURE}\n\n`);
  failing.spawner.last.exit(9);
  await flushPromises();
  assert.deepEqual([failing.loop.status().state, failing.loop.status().error], ['unknown', DRIVER_FAILURE]);
  const empty = setup();
  empty.spawner.last.print('No devices were found\n');
  empty.spawner.last.exit(6);
  await flushPromises();
  assert.deepEqual([empty.loop.status().state, empty.loop.status().error], ['unavailable', 'nvidia-smi found no GPU']);
});

test('garbage is reported with its first 80 printable characters; a stray line among good ones is not', async () => {
  const { spawner, loop } = setup();
  spawner.last.print(`\x1b[31m${'#'.repeat(100)}\x00\n`);
  assert.deepEqual([loop.status().state, loop.status().error], ['unknown', `nvidia-smi printed output Opsbar cannot read: ${'#'.repeat(80)}…`]);
  spawner.last.print(gpuLine(0));
  spawner.last.print('WARNING: infoROM is corrupted at gpu 0000:01:00.0\n');
  assert.equal(loop.status().state, 'ok');
});

test('an exit without figures says how it ended, with the last stderr line', async () => {
  const { spawner, loop } = setup();
  spawner.last.printErr('Segmentation fault\n');
  spawner.last.exit(139);
  await flushPromises();
  assert.deepEqual([loop.status().state, loop.status().error], ['unknown', 'nvidia-smi stopped with exit code 139: Segmentation fault']);
});

test('nvidia-smi missing: unavailable, nothing spawned; ENOENT at spawn says the same', async () => {
  const missing = setup({ exists: () => false });
  assert.equal(missing.spawner.children.length, 0);
  assert.deepEqual([missing.loop.status().state, missing.loop.status().error], ['unavailable', 'No NVIDIA GPU: nvidia-smi not found']);
  await missing.loop.settled();
  const clock = new ManualClock();
  const spawner = fakeSpawner();
  spawner.state.failWith = 'ENOENT';
  const loop = createNvidiaLoop({ nvidiaSmiPath: '/opt/nvidia-smi', intervalMs: 1000, timeoutMs: 5000, clock, spawn: spawner.spawn, exists: () => true });
  loop.start(() => {});
  await flushPromises();
  assert.deepEqual([loop.status().state, loop.status().error], ['unavailable', 'No NVIDIA GPU: nvidia-smi not found']);
  spawner.state.failWith = null;
  await clock.advance(1000);
  assert.equal(spawner.children.length, 2, 'looked for again later');
  spawner.last.print(gpuLine(0));
  assert.equal(loop.status().state, 'ok');
});

test('stop() kills the loop and nothing is started again', async () => {
  const { clock, spawner, loop } = setup();
  spawner.last.print(gpuLine(0));
  await loop.stop();
  assert.deepEqual(spawner.last.signals, ['SIGTERM']);
  await clock.advance(120_000);
  assert.equal(spawner.children.length, 1);
  assert.equal(clock.pendingTimers, 0);
});

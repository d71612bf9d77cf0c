// The NVIDIA source with real child processes: the stand-in nvidia-smi replays real captures and
// misbehaves on request (hangs, exits, crashes, garbage, driver failure, old driver).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { GpuReading, GpuSource } from '../../../../../electron/core/monitors/gpu/gpuSource';
import { createNvidiaGpuSource, type NvidiaGpuSourceOptions } from '../../../../../electron/core/monitors/gpu/nvidia/nvidiaGpuSource';
import { GPU_FIELDS } from '../../../../../electron/core/monitors/gpu/nvidia/queryFields';
import { createCommandRunner } from '../../../../../electron/core/process/commandRunner';
import { captureSection, H100, linesFor } from './captureLines';
import { alive, createStandIn, refClock, waitFor, type StandIn } from './standIn';

const MiB = 1024 * 1024;
const DRIVER_FAILURE =
  "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.";

/** A source over a fresh stand-in; both are ended when the test `t` ends. */
function sourceFor(t: TestContext, vars: Record<string, string>, over: Partial<NvidiaGpuSourceOptions> = {}) {
  const standIn: StandIn = createStandIn({ FAKE_NVIDIA_SMI_CAPTURE: H100, ...vars });
  let readings = 0;
  const source = createNvidiaGpuSource({
    intervalMs: 200,
    processIntervalMs: 1_000,
    nvidiaSmiPath: standIn.path,
    timeoutMs: 3_000,
    runner: createCommandRunner(),
    clock: refClock,
    env: standIn.env,
    backoff: { initialMs: 100, maxMs: 2_000, resetAfterMs: 60_000 },
    killGraceMs: 500,
    ...over,
  });
  source.start({ onReading: () => readings++ });
  t.after(async () => {
    await source.stop();
    standIn.remove();
  });
  return { standIn, source, readings: () => readings };
}

async function readUntil(source: GpuSource, what: string, predicate: (r: GpuReading) => boolean): Promise<GpuReading> {
  let last: GpuReading | null = null;
  await waitFor(what, async () => predicate((last = await source.read())));
  return last as unknown as GpuReading;
}

test('the stand-in prints what the capture says for Opsbar fields (cross-check of the test helper)', (t) => {
  const standIn = createStandIn({ FAKE_NVIDIA_SMI_CAPTURE: H100, FAKE_NVIDIA_SMI_PHASE: 'load' });
  t.after(() => standIn.remove());
  for (const [format, form] of [['csv,noheader,nounits', 'nounits'], ['csv,noheader', 'units']] as const) {
    const out = execFileSync(standIn.path, [`--query-gpu=${GPU_FIELDS.join(',')}`, `--format=${format}`], { env: standIn.env, encoding: 'utf8' });
    assert.deepEqual(out.trim().split('\n'), linesFor(captureSection(H100, 'load', 'query-gpu'), GPU_FIELDS, form));
  }
});

test('devices and processes appear from ONE long-running nvidia-smi; stop() leaves none alive', async (t) => {
  const { standIn, source, readings } = sourceFor(t, { FAKE_NVIDIA_SMI_PHASE: 'load', FAKE_NVIDIA_SMI_GPUS: '2' });
  const reading = await readUntil(source, 'devices and processes', (r) => r.state === 'ok' && r.processes.length > 0);
  assert.equal(reading.driverVersion, '590.48.01');
  assert.deepEqual(
    reading.devices.map((d) => [d.index, d.uuid, d.name, d.memoryUsedBytes, d.memoryTotalBytes, d.utilizationPercent, d.temperatureC, d.powerW, d.powerLimitW, d.migMode, d.memoryKind]),
    [0, 1].map((i) => [i, `GPU-00000000-0000-0000-0000-00000000000${i}`, 'NVIDIA H100 80GB HBM3', 19818 * MiB, 81559 * MiB, 100, 59, 631.95, 700, 'disabled', 'dedicated']),
  );
  assert.deepEqual(
    reading.processes.map((p) => [p.pid, p.name, p.gpuIndex, p.memoryBytes]),
    [
      [11327, '/root/tools/memhog', 0, 2566 * MiB],
      [11328, '/root/tools/memhog', 0, 1542 * MiB],
      [11345, './gpu_burn', 0, 15690 * MiB],
    ],
  );
  assert.equal(reading.processesNote, null);
  const seen = readings();
  await waitFor('several samples', () => readings() >= seen + 5);
  const loops = standIn.loopInvocations();
  assert.equal(loops.length, 1, 'one loop process, however many samples');
  assert.deepEqual(loops[0].argv.slice(1), ['--format=csv,noheader,nounits', '-lms', '200']);
  await waitFor('a second per-process query', () => standIn.invocations().length >= 3);
  assert.equal(standIn.loopInvocations().length, 1);
  const pid = loops[0].pid;
  assert.ok(alive(pid));
  await source.stop();
  assert.equal(alive(pid), false, 'stop() ended the loop process');
});

test('a hanging nvidia-smi: unknown within timeoutMs, read() returns promptly; stop() ends it even when it ignores SIGTERM', async (t) => {
  const { standIn, source } = sourceFor(t, { FAKE_NVIDIA_SMI_MODE: 'hang', FAKE_NVIDIA_SMI_IGNORE_SIGTERM: '1' }, { timeoutMs: 1_500 });
  const started = Date.now();
  const reading = await source.read();
  const took = Date.now() - started;
  assert.deepEqual([reading.state, reading.error, reading.devices], ['unknown', 'nvidia-smi did not answer in 1.5 s', []]);
  assert.ok(took < 1_500 + 2_500, `read() took ${took} ms`);
  await waitFor('the loop to start', () => standIn.loopInvocations().length === 1);
  const pid = standIn.loopInvocations()[0].pid;
  await source.stop();
  assert.equal(alive(pid), false, 'killed with SIGKILL after the grace period');
});

test('a stand-in that prints one sample and exits 0 still yields devices, and is restarted with backoff', async (t) => {
  const { standIn, source } = sourceFor(t, { FAKE_NVIDIA_SMI_MODE: 'exit-after-one' }, { backoff: { initialMs: 500, maxMs: 4_000, resetAfterMs: 60_000 } });
  const reading = await readUntil(source, 'devices', (r) => r.state === 'ok');
  assert.equal(reading.devices[0].name, 'NVIDIA H100 80GB HBM3');
  await waitFor('four runs', () => standIn.loopInvocations().length >= 4);
  const at = standIn.loopInvocations().map((i) => i.at);
  const gaps = at.slice(1).map((t, i) => t - at[i]);
  // Waits of 0.5, 1 and 2 s on top of each run's own start-up (which varies with the host's
  // load): the third gap is 1.5 s longer than the first; half of that is asserted.
  assert.ok(gaps[2] > gaps[0] + 750, `gaps ${gaps.join(', ')} ms`);
  assert.equal((await source.read()).state, 'ok', 'the last good sample is kept between runs');
});

test('a crashing nvidia-smi (one sample, exit 1) is restarted; its figures stay', async (t) => {
  const { standIn, source } = sourceFor(t, { FAKE_NVIDIA_SMI_MODE: 'crash' });
  await readUntil(source, 'devices', (r) => r.state === 'ok');
  await waitFor('three runs', () => standIn.loopInvocations().length >= 3);
  assert.equal((await source.read()).state, 'ok');
});

test('garbage → unknown with what it printed (control characters stripped)', async (t) => {
  const { source } = sourceFor(t, { FAKE_NVIDIA_SMI_MODE: 'garbage' });
  // (Polled: on a loaded host the stand-in may take longer than timeoutMs to start.)
  const reading = await readUntil(source, 'the garbage reason', (r) => /cannot read/.test(r.error ?? ''));
  assert.deepEqual([reading.state, reading.error], ['unknown', 'nvidia-smi printed output Opsbar cannot read: <<< this is not csv  >>> garbage line']);
});

test('driver failure → unknown with the driver sentence', async (t) => {
  const { source } = sourceFor(t, { FAKE_NVIDIA_SMI_MODE: 'driver-failure' });
  const reading = await readUntil(source, 'the driver failure', (r) => /^NVIDIA-SMI/.test(r.error ?? ''));
  assert.deepEqual([reading.state, reading.error, reading.devices], ['unknown', DRIVER_FAILURE, []]);
});

test('no nvidia-smi at the configured path → unavailable, not an error', async (t) => {
  const { standIn, source } = sourceFor(t, {}, { nvidiaSmiPath: join('/nonexistent', 'nvidia-smi') });
  const reading = await source.read();
  assert.deepEqual([reading.state, reading.error], ['unavailable', 'No NVIDIA GPU: nvidia-smi not found']);
  assert.equal(standIn.invocations().length, 0);
});

test('nvidia-smi found on PATH when no path is configured', async (t) => {
  // The stand-in's folder is the whole PATH searched.
  const probe = createStandIn({});
  const { source, standIn } = sourceFor(t, {}, { nvidiaSmiPath: '', envPath: `/nonexistent:${probe.dir}` });
  t.after(() => probe.remove());
  const reading = await readUntil(source, 'devices', (r) => r.state === 'ok');
  assert.equal(reading.devices.length, 1);
  assert.equal(standIn.loopInvocations()[0].path, join(probe.dir, 'nvidia-smi'), 'the nvidia-smi on PATH ran');
});

test('an old driver that rejects fields is asked with a smaller set, which is then kept', async (t) => {
  const { standIn, source } = sourceFor(t, { FAKE_NVIDIA_SMI_MODE: 'old-driver', FAKE_NVIDIA_SMI_REJECT: 'mig.mode.current,power.limit' });
  const reading = await readUntil(source, 'devices', (r) => r.state === 'ok');
  assert.equal(reading.devices[0].powerLimitW, null);
  assert.equal(reading.devices[0].migMode, null);
  assert.equal(reading.devices[0].memoryTotalBytes, 81559 * MiB);
  const asked = standIn.loopInvocations().map((i) => i.argv[0]);
  assert.equal(asked.length, 3);
  const has = (argv: string) => ['mig.mode.current', 'power.limit'].filter((f) => argv.split(/[=,]/).includes(f)).length;
  assert.deepEqual(asked.map(has), [2, 1, 0], 'one rejected field dropped per try');
});

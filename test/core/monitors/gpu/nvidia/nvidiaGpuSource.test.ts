// The NVIDIA source's composition: loop devices + the one-shot compute-apps query, with fakes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNvidiaGpuSource } from '../../../../../electron/core/monitors/gpu/nvidia/nvidiaGpuSource';
import type { CommandOptions, CommandResult, CommandRunner } from '../../../../../electron/core/process/commandRunner';
import { ManualClock, flushPromises } from '../../../../support/manualClock';
import { fakeSpawner, gpuLine } from './fakeLoopChild';

const ok = (stdout: string): CommandResult => ({ exitCode: 0, signal: null, stdout, stderr: '', timedOut: false, truncated: false, spawnError: null, notFound: false });

/** A runner whose calls the test answers by hand. */
class ManualRunner implements CommandRunner {
  calls: { file: string; args: readonly string[]; options: CommandOptions; answer(r: CommandResult): void }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  run(file: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise((resolve) => {
      let done = false;
      const answer = (r: CommandResult) => {
        if (done) return;
        done = true;
        this.inFlight--;
        resolve(r);
      };
      this.calls.push({ file, args, options, answer });
    });
  }
  get last() {
    return this.calls[this.calls.length - 1];
  }
  /** Answers every call still waiting (a stop() waits for the query in flight). */
  answerAll(): void {
    for (const call of this.calls) call.answer(ok(''));
  }
}

function setup() {
  const clock = new ManualClock();
  const spawner = fakeSpawner();
  const runner = new ManualRunner();
  let readings = 0;
  const source = createNvidiaGpuSource({
    intervalMs: 1000,
    processIntervalMs: 10_000,
    nvidiaSmiPath: '',
    timeoutMs: 5000,
    runner,
    clock,
    spawn: spawner.spawn,
    exists: (p) => p === '/usr/bin/nvidia-smi',
    envPath: '/usr/bin',
  });
  return { clock, spawner, runner, source, readings: () => readings, start: () => source.start({ onReading: () => readings++ }) };
}

const UUID0 = 'GPU-00000000-aaaa-bbbb-cccc-dddddddddddd';
const UUID1 = 'GPU-00000001-aaaa-bbbb-cccc-dddddddddddd';

test('devices from the loop; processes queried as soon as figures come, mapped uuid → index, then every processIntervalMs', async () => {
  const { clock, spawner, runner, source, start, readings } = setup();
  start();
  const reading = source.read();
  spawner.last.print(gpuLine(0) + gpuLine(1));
  await flushPromises();
  assert.equal(runner.calls.length, 1, 'the first query comes with the first figures');
  assert.deepEqual(runner.last.args, ['--query-compute-apps=gpu_uuid,pid,used_gpu_memory,process_name', '--format=csv,noheader,nounits']);
  assert.equal(runner.last.options.timeoutMs, 5000);
  runner.last.answer(ok(`${UUID1}, 42, 2048, python serve.py --name=a,b\n${UUID0}, 7, [N/A], llama-server\n`));
  const first = await reading;
  assert.equal(first.state, 'ok');
  assert.equal(first.source, 'nvidia-smi');
  assert.equal(first.driverVersion, '590.48.01');
  assert.equal(first.devices.length, 2);
  assert.deepEqual(first.processes, [
    { pid: 42, name: 'python serve.py --name=a,b', gpuIndex: 1, gpuUuid: UUID1, memoryBytes: 2048 * 1048576 },
    { pid: 7, name: 'llama-server', gpuIndex: 0, gpuUuid: UUID0, memoryBytes: null },
  ]);
  assert.equal(first.processesNote, null);
  assert.ok(readings() >= 2);
  for (let i = 0; i < 9; i++) {
    await clock.advance(1000);
    spawner.last.print(gpuLine(0) + gpuLine(1));
  }
  await clock.advance(999);
  assert.equal(runner.calls.length, 1);
  await clock.advance(1);
  assert.equal(runner.calls.length, 2);
  runner.answerAll();
  await source.stop();
});

test('a failed query keeps the last list and says why; never two queries at once', async () => {
  const { clock, spawner, runner, source, start } = setup();
  start();
  spawner.last.print(gpuLine(0));
  await flushPromises();
  runner.last.answer(ok(`${UUID0}, 7, 100, llama-server\n`));
  await flushPromises();
  // The next round hangs until its deadline; meanwhile the loop keeps printing.
  for (let i = 0; i < 10; i++) {
    spawner.last.print(gpuLine(0));
    await clock.advance(1000);
  }
  assert.equal(runner.calls.length, 2);
  for (let i = 0; i < 30; i++) {
    spawner.last.print(gpuLine(0));
    await clock.advance(1000);
  }
  assert.equal(runner.maxInFlight, 1, 'never two at once');
  runner.last.answer({ ...ok(''), exitCode: null, signal: 'SIGKILL', timedOut: true });
  const reading = await source.read();
  assert.deepEqual(reading.processes.map((p) => p.pid), [7]);
  assert.equal(reading.processesNote, 'Per-process figures could not be read: nvidia-smi did not answer in 5 s');
  runner.answerAll();
  await source.stop();
});

test('no compute-apps query while the loop has no figures; read() is bounded and never throws', async () => {
  const { clock, spawner, runner, source } = setup();
  const reading = source.read(); // read() before start() starts the readers
  assert.equal(spawner.children.length, 1);
  await clock.advance(5000);
  const result = await reading;
  assert.deepEqual([result.state, result.error, result.devices, result.processes], ['unknown', 'nvidia-smi did not answer in 5 s', [], []]);
  assert.equal(runner.calls.length, 0);
  runner.answerAll();
  await source.stop();
});

test('all-null per-process memory gets a note (WDDM / vGPU)', async () => {
  const { spawner, runner, source, start } = setup();
  start();
  spawner.last.print(gpuLine(0));
  await flushPromises();
  runner.last.answer(ok(`${UUID0}, 7, [N/A], vgpu\n`));
  const reading = await source.read();
  assert.match(reading.processesNote ?? '', /does not report per-process memory/);
  runner.answerAll();
  await source.stop();
});

test('a compute-apps query that fails says how, in the note', async () => {
  const { clock, spawner, runner, source, start } = setup();
  start();
  spawner.last.print(gpuLine(0));
  await flushPromises();
  runner.last.answer({ ...ok("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n"), exitCode: 9 });
  let reading = await source.read();
  assert.equal(reading.processesNote, "Per-process figures could not be read: nvidia-smi stopped with exit code 9: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.");
  for (let i = 0; i < 10; i++) {
    spawner.last.print(gpuLine(0));
    await clock.advance(1000);
  }
  runner.last.answer(ok('garbage, here\n'));
  reading = await source.read();
  assert.equal(reading.processesNote, 'Per-process figures could not be read: nvidia-smi printed output Opsbar cannot read: garbage, here');
  runner.answerAll();
  await source.stop();
});

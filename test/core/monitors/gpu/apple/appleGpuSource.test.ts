import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAppleGpuSource, IOREG_ARGS, NO_PROCESS_FIGURES, NO_PROCESS_MEMORY, SYSCTL_NAMES } from '../../../../../electron/core/monitors/gpu/apple';
import type { GpuReading } from '../../../../../electron/core/monitors/gpu/gpuSource';
import type { CommandResult } from '../../../../../electron/core/process/commandRunner';
import { ManualClock } from '../../../../support/manualClock';
import { CLIENTS_PLIST, FakeRunner, fixture, GIB, M1PRO_D1_PLIST, M1PRO_TEXT, MIB, notFound, ok, sysctlOutput, timedOut } from './fakes';

const M1PRO_SYSCTL = sysctlOutput({ brand: 'Apple M1 Pro', memsize: 32 * GIB, pressure: 1, wiredMb: 0 });

function sourceWith(ioreg: () => CommandResult | Promise<CommandResult>, sysctl: () => CommandResult | Promise<CommandResult> = () => ok(M1PRO_SYSCTL)) {
  const runner = new FakeRunner({ ioreg, sysctl });
  const clock = new ManualClock();
  const source = createAppleGpuSource({ runner, clock, timeoutMs: 5_000 });
  return { runner, clock, source };
}

test('a Mac with GPU clients: one ioreg -d 2 -a and one sysctl per read, a full reading', async () => {
  const { runner, source } = sourceWith(() => ok(fixture(CLIENTS_PLIST)));
  source.start({ onReading: () => assert.fail('nothing pushes readings') });
  const reading = await source.read();
  assert.deepEqual(runner.calls.map((c) => [c.file, c.args, c.options.timeoutMs]), [
    ['/usr/sbin/ioreg', IOREG_ARGS, 5_000],
    ['/usr/sbin/sysctl', SYSCTL_NAMES, 5_000],
  ]);
  assert.deepEqual(IOREG_ARGS, ['-r', '-d', '2', '-w', '0', '-c', 'IOAccelerator', '-a']);
  assert.deepEqual(reading, {
    state: 'ok',
    error: null,
    source: 'ioreg',
    driverVersion: '190.22',
    devices: [
      {
        index: 0,
        uuid: null,
        name: 'Apple M1 Pro',
        vendor: 'apple',
        memoryUsedBytes: 448659456,
        memoryTotalBytes: Math.floor((32 * GIB * 2) / 3),
        utilizationPercent: 16,
        temperatureC: null,
        powerW: null,
        powerLimitW: null,
        migMode: null,
        memoryKind: 'unified',
      },
    ],
    processes: [
      { pid: 390, name: 'WindowServer', gpuIndex: 0, gpuUuid: null, memoryBytes: null },
      { pid: 4245, name: 'ollama', gpuIndex: 0, gpuUuid: null, memoryBytes: null },
      { pid: 7001, name: 'Code Helper (GPU), beta', gpuIndex: 0, gpuUuid: null, memoryBytes: null },
    ],
    processesNote: NO_PROCESS_MEMORY,
    memoryPressure: 'normal',
  });
  await source.read();
  assert.equal(runner.count('ioreg'), 2, 'nothing cached: each read asks ioreg again');
});

test('no per-process data in the registry: the note says so; the name comes from the chip', async () => {
  const { source } = sourceWith(() => ok(fixture(M1PRO_D1_PLIST)));
  const reading = await source.read();
  assert.equal(reading.state, 'ok');
  assert.equal(reading.devices[0].name, 'Apple M1 Pro');
  assert.equal(reading.devices[0].utilizationPercent, 2);
  assert.equal(reading.devices[0].memoryUsedBytes, 340983808);
  assert.deepEqual(reading.processes, []);
  assert.equal(reading.processesNote, NO_PROCESS_FIGURES);
});

test('no model and no Apple chip name: named after the accelerator class', async () => {
  const { source } = sourceWith(() => ok(fixture(M1PRO_D1_PLIST)), () => ok(sysctlOutput({ memsize: 16 * GIB, pressure: 1 })));
  assert.equal((await source.read()).devices[0].name, 'Apple GPU (AGXAcceleratorG13X)');
});

test('wired limit set, and memory pressure levels, come from the same sysctl call', async () => {
  for (const [pressure, words] of [[1, 'normal'], [2, 'warning'], [4, 'critical'], [7, null]] as const) {
    const { source } = sourceWith(() => ok(fixture(CLIENTS_PLIST)), () => ok(sysctlOutput({ brand: 'Apple M1 Pro', memsize: 32 * GIB, pressure, wiredMb: 28672 })));
    const reading = await source.read();
    assert.equal(reading.memoryPressure, words);
    assert.equal(reading.devices[0].memoryTotalBytes, 28672 * MIB);
  }
});

test('sysctl exits 1 at an unknown iogpu name after printing the others: the default ceiling, no note', async () => {
  const stdout = sysctlOutput({ brand: 'Apple M1 Pro', memsize: 64 * GIB, pressure: 1 });
  const { source } = sourceWith(() => ok(fixture(CLIENTS_PLIST)), () => ok(stdout, { exitCode: 1, stderr: "sysctl: unknown oid 'iogpu.wired_limit_mb'\n" }));
  const reading = await source.read();
  assert.equal(reading.error, null);
  assert.equal(reading.devices[0].memoryTotalBytes, 48 * GIB);
});

test('sysctl failures: no memory ceiling, a note, the rest still shown', async () => {
  const cases: Array<[() => CommandResult | Promise<CommandResult>, string]> = [
    [() => notFound('/usr/sbin/sysctl'), 'GPU memory ceiling unknown: sysctl not found'],
    [timedOut, 'GPU memory ceiling unknown: sysctl did not answer in 5 s'],
    [() => ok('', { exitCode: 1, stderr: "sysctl: unknown oid 'machdep.cpu.brand_string'\n" }), "GPU memory ceiling unknown: sysctl failed (exit 1): sysctl: unknown oid 'machdep.cpu.brand_string'"],
    [() => ok('kern.memorystatus_vm_pressure_level: 2\n'), 'GPU memory ceiling unknown: sysctl gave no hw.memsize'],
  ];
  for (const [sysctl, note] of cases) {
    const { source } = sourceWith(() => ok(fixture(CLIENTS_PLIST)), sysctl);
    const reading = await source.read();
    assert.equal(reading.state, 'ok');
    assert.equal(reading.error, note);
    assert.equal(reading.devices[0].memoryTotalBytes, null);
    assert.equal(reading.devices[0].utilizationPercent, 16);
    assert.equal(reading.processes.length, 3);
  }
});

test('ioreg missing: unavailable, not an error to chase', async () => {
  const { source } = sourceWith(() => notFound('/usr/sbin/ioreg'));
  const reading = await source.read();
  assert.deepEqual(reading, { state: 'unavailable', error: 'No Apple GPU: ioreg not found', source: 'ioreg', driverVersion: null, devices: [], processes: [], processesNote: null, memoryPressure: null });
});

test('no IOAccelerator, or only Intel/AMD ones: unavailable', async () => {
  const empty = sourceWith(() => ok(''));
  assert.deepEqual(await empty.source.read().then((r) => [r.state, r.error]), ['unavailable', 'No Apple GPU: the registry has no IOAccelerator']);
  const emptyList = sourceWith(() => ok('<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<array/>\n</plist>\n'));
  assert.deepEqual(await emptyList.source.read().then((r) => [r.state, r.error]), ['unavailable', 'No Apple GPU: the registry has no IOAccelerator']);
  const intel = sourceWith(() => ok('<plist version="1.0"><array><dict><key>IOObjectClass</key><string>IntelAccelerator</string></dict></array></plist>'));
  assert.deepEqual(await intel.source.read().then((r) => [r.state, r.error]), ['unavailable', 'No Apple GPU: the GPUs here are IntelAccelerator']);
});

test('ioreg killed at its deadline: unknown, "did not answer in 5 s"', async () => {
  const { source } = sourceWith(timedOut);
  assert.deepEqual(await source.read().then((r) => [r.state, r.error]), ['unknown', 'ioreg did not answer in 5 s']);
});

test('a runner that never reports back: read() still ends, just after the deadline', async () => {
  const { source, clock } = sourceWith(() => new Promise<CommandResult>(() => {}), () => new Promise<CommandResult>(() => {}));
  const seen: { reading?: GpuReading } = {};
  void source.read().then((r) => (seen.reading = r));
  await clock.advance(5_000);
  assert.equal('reading' in seen, false, 'still waiting at the deadline itself');
  await clock.advance(1_000);
  assert.deepEqual(seen.reading && [seen.reading.state, seen.reading.error], ['unknown', 'ioreg did not answer in 5 s']);
  assert.equal(clock.pendingTimers, 0);
});

test('garbage, the text form, a cut-off or failing ioreg: unknown with a plain reason', async () => {
  const cases: Array<[CommandResult, string]> = [
    [ok('garbage\n'), 'ioreg printed something Opsbar cannot read: it is not an XML property list'],
    [ok(fixture(M1PRO_TEXT)), 'ioreg printed something Opsbar cannot read: it is not an XML property list'],
    [ok('<plist version="1.0"><array><dict><key>a</key><key>b</key></dict></array></plist>'), 'ioreg printed something Opsbar cannot read: the property list does not parse (Unexpected <key> while parsing <dict/>. Keys and values must alternate.)'],
    [ok('<plist version="1.0"><string>hello</string></plist>'), 'ioreg printed a property list that is not a list of registry entries'],
    [ok(fixture(CLIENTS_PLIST).slice(0, 500), { truncated: true }), 'ioreg printed more than 8 MiB; its output was cut off'],
    [ok('', { exitCode: 1, stderr: 'ioreg: error: bad class\n' }), 'ioreg failed (exit 1): ioreg: error: bad class'],
    [ok('', { exitCode: null, signal: 'SIGSEGV' }), 'ioreg was ended by SIGSEGV'],
    [ok('', { exitCode: null, spawnError: '/usr/sbin/ioreg could not be started: EACCES' }), '/usr/sbin/ioreg could not be started: EACCES'],
  ];
  for (const [result, error] of cases) {
    const { source } = sourceWith(() => result);
    assert.deepEqual(await source.read().then((r) => [r.state, r.error, r.devices]), ['unknown', error, []], error);
  }
});

test('a runner that throws is a reading too', async () => {
  const { source } = sourceWith(() => Promise.reject(new Error('EMFILE')));
  assert.deepEqual(await source.read().then((r) => [r.state, r.error]), ['unknown', '/usr/sbin/ioreg could not be run: EMFILE']);
});

test('reads asked for while ioreg runs share that run; stop() waits for it, then no more runs', async () => {
  let answer!: (r: CommandResult) => void;
  const { source, runner } = sourceWith(() => new Promise<CommandResult>((resolve) => (answer = resolve)));
  const first = source.read();
  const second = source.read();
  assert.equal(runner.count('ioreg'), 1);
  let stopped = false;
  const stopping = source.stop().then(() => (stopped = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(stopped, false, 'stop waits for the running ioreg');
  answer(ok(fixture(CLIENTS_PLIST)));
  assert.equal(await first, await second);
  await stopping;
  assert.deepEqual(await source.read().then((r) => [r.state, r.error]), ['unknown', 'The Apple GPU reader is stopped']);
  assert.equal(runner.count('ioreg'), 1);
});

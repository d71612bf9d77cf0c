// `opsbar gpu` and `opsbar status` over a stand-in nvidia-smi that replays complete captures of
// real machines (test/fixtures/nvidia-smi/captures, see PROVENANCE.md there), as a user would run them.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createTestStack, removeTestStacks, requireDocker } from '../support/dockerEngine';
import { REPO_ROOT, runOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

const CAPTURES = join(REPO_ROOT, 'test', 'fixtures', 'nvidia-smi', 'captures');
const H100 = join(CAPTURES, 'linux-x86_64__nvidia-h100-80gb-hbm3__590.48.01.txt');
const RTX2080 = join(CAPTURES, 'linux-x86_64__nvidia-geforce-rtx-2080-super__595.71.05.txt');
const MIB = 1024 * 1024;

after(() => removeTestStacks());

/** A data dir whose config points gpu.nvidiaSmiPath at the stand-in (and Docker off unless asked). */
function dataDirWithStandIn(extraConfig = 'docker:\n  enabled: false\n'): string {
  const dir = tempDir('opsbar-gpu-cli-');
  mkdirSync(join(dir, 'bin'));
  const smi = join(dir, 'bin', 'nvidia-smi');
  symlinkSync(join(REPO_ROOT, 'test', 'support', 'fakeNvidiaSmi.mjs'), smi);
  writeFileSync(join(dir, 'config.yaml'), `gpu:\n  nvidiaSmiPath: ${smi}\n  timeoutMs: 3000\n${extraConfig}`);
  return dir;
}

/** The value of one column of a capture's `--query-gpu … --format=csv` section (units as printed). */
function captured(capture: string, phase: 'idle' | 'load', column: string): string {
  const text = readFileSync(capture, 'utf8');
  const section = text.split(`# ${phase} :: query-gpu`)[1];
  const lines = section.split('\n').filter((l) => l.startsWith('timestamp') || /^\d{4}\/\d\d\/\d\d /.test(l));
  const header = lines[0].split(', ');
  return lines[1].split(', ')[header.findIndex((h) => h === column || h.startsWith(`${column} [`))];
}

test('opsbar gpu --json: every GPU and process of a replayed H100 capture, memory in bytes, the status shape', async () => {
  const dataDir = dataDirWithStandIn();
  const env = { FAKE_NVIDIA_SMI_CAPTURE: H100, FAKE_NVIDIA_SMI_PHASE: 'load' };
  const { stdout, code, stderr } = await runOpsbar(['gpu', '--json', '--data-dir', dataDir], env);
  assert.equal(code, 0, stderr);
  const gpu = JSON.parse(stdout);
  assert.equal(gpu.available, true);
  assert.equal(gpu.error, null);
  assert.equal(gpu.devices.length, 1);
  const [device] = gpu.devices;
  assert.equal(device.name, 'NVIDIA H100 80GB HBM3');
  assert.equal(device.vendor, 'nvidia');
  assert.equal(device.memoryUsedBytes, parseInt(captured(H100, 'load', 'memory.used'), 10) * MIB);
  assert.equal(device.memoryTotalBytes, parseInt(captured(H100, 'load', 'memory.total'), 10) * MIB);
  assert.equal(device.temperatureC, parseInt(captured(H100, 'load', 'temperature.gpu'), 10));
  assert.equal(typeof device.powerW, 'number');
  assert.deepEqual(
    gpu.processes.map((p: { pid: number; memoryBytes: number; gpuIndex: number; container: unknown }) => [p.pid, p.memoryBytes / MIB, p.gpuIndex, p.container]),
    [
      [11345, 15690, 0, null],
      [11327, 2566, 0, null],
      [11328, 1542, 0, null],
    ],
  );

  const status = JSON.parse((await runOpsbar(['status', '--json', '--data-dir', dataDir], env)).stdout);
  assert.deepEqual(Object.keys(status).filter((k) => ['system', 'docker', 'gpu', 'checks', 'overall'].includes(k)).sort(), ['checks', 'docker', 'gpu', 'overall', 'system']);
  assert.deepEqual(status.gpu.devices, gpu.devices.map((d: object) => ({ ...d })), 'the same section as opsbar gpu');
  const memory = status.checks.find((c: { id: string }) => c.id === 'gpu:0:memory');
  assert.equal(memory.alert, 'gpu.memory');
  assert.match(memory.summary, /^\d+\.\d of 79\.6 GB \(\d+%\)$/);
});

test('figures are numbers or null (not reported), never NaN; an idle capture has no processes', async () => {
  const dataDir = dataDirWithStandIn();
  const { stdout } = await runOpsbar(['gpu', '--json', '--data-dir', dataDir], { FAKE_NVIDIA_SMI_CAPTURE: H100, FAKE_NVIDIA_SMI_PHASE: 'idle' });
  const gpu = JSON.parse(stdout);
  assert.deepEqual(gpu.processes, []);
  for (const capture of [RTX2080, H100]) {
    const out = JSON.parse((await runOpsbar(['gpu', '--json', '--data-dir', dataDir], { FAKE_NVIDIA_SMI_CAPTURE: capture, FAKE_NVIDIA_SMI_PHASE: 'load' })).stdout);
    for (const device of out.devices) {
      for (const [key, value] of Object.entries(device)) {
        assert.ok(value === null || (typeof value === 'number' ? Number.isFinite(value) : true), `${key} is ${value}`);
      }
    }
  }
});

test('a hanging nvidia-smi leaves the rest of the status working and the GPU module saying why', async () => {
  const dataDir = dataDirWithStandIn('');
  const { stdout, code } = await runOpsbar(['status', '--json', '--data-dir', dataDir], { FAKE_NVIDIA_SMI_MODE: 'hang', FAKE_NVIDIA_SMI_CAPTURE: H100 });
  assert.ok(code !== null && code <= 2);
  const status = JSON.parse(stdout);
  assert.equal(status.gpu.state, 'unknown');
  assert.match(status.gpu.error, /did not answer/);
  assert.ok(status.system.memory.totalBytes > 0, 'system figures are there');
  const check = status.checks.find((c: { id: string }) => c.id === 'gpu');
  assert.deepEqual([check.severity, check.alert], ['warning', 'gpu.unavailable']);
});

test('a driver that cannot be reached, garbage, and no nvidia-smi at all', async () => {
  const dataDir = dataDirWithStandIn();
  const driver = JSON.parse((await runOpsbar(['gpu', '--json', '--data-dir', dataDir], { FAKE_NVIDIA_SMI_MODE: 'driver-failure' })).stdout);
  assert.equal(driver.state, 'unknown');
  assert.match(driver.error, /couldn't communicate with the NVIDIA driver/);
  const garbage = JSON.parse((await runOpsbar(['gpu', '--json', '--data-dir', dataDir], { FAKE_NVIDIA_SMI_MODE: 'garbage' })).stdout);
  assert.equal(garbage.state, 'unknown');
  const none = tempDir('opsbar-gpu-none-');
  writeFileSync(join(none, 'config.yaml'), `gpu:\n  nvidiaSmiPath: ${join(none, 'missing', 'nvidia-smi')}\ndocker:\n  enabled: false\n`);
  const missing = JSON.parse((await runOpsbar(['gpu', '--json', '--data-dir', none])).stdout);
  assert.deepEqual([missing.state, missing.available, missing.error], ['unavailable', false, 'No NVIDIA GPU: nvidia-smi not found']);
  const text = await runOpsbar(['gpu', '--data-dir', none]);
  assert.match(text.stdout, /unavailable — No NVIDIA GPU: nvidia-smi not found/);
});

test('a GPU process running in a container shows as that container, its stack and service', async (t) => {
  if (!(await requireDocker(t))) return;
  const stack = await createTestStack('gpu-cli', [{ name: 'worker' }]);
  const worker = stack.get('worker');
  const pid = (await worker.container.inspect()).State.Pid;
  const dataDir = dataDirWithStandIn('');
  const { stdout, code, stderr } = await runOpsbar(['gpu', '--json', '--data-dir', dataDir], { FAKE_NVIDIA_SMI_CAPTURE: H100, FAKE_NVIDIA_SMI_PHASE: 'load', FAKE_NVIDIA_SMI_PIDS: String(pid) });
  assert.equal(code, 0, stderr);
  const gpu = JSON.parse(stdout);
  const mapped = gpu.processes.find((p: { pid: number }) => p.pid === pid);
  assert.ok(mapped, `pid ${pid} is listed`);
  assert.deepEqual(mapped.container, { id: worker.id, name: worker.name, stack: 'gpu-cli', service: 'worker' });
  assert.equal(mapped.user, 'root');
  assert.equal(typeof mapped.startedAt, 'number');
});

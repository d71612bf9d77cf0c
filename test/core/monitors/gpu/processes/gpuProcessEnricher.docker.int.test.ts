// GPU process → container against the real Docker engine: a labelled container's host pid maps
// to its id, name, compose project and service, both straight through the enricher and through
// the whole chain (stand-in nvidia-smi reporting that pid → NVIDIA source → enricher).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createDockerApi } from '../../../../../electron/core/monitors/docker/dockerApi';
import { createNvidiaGpuSource } from '../../../../../electron/core/monitors/gpu/nvidia/nvidiaGpuSource';
import { createGpuProcessEnricher } from '../../../../../electron/core/monitors/gpu/processes/gpuProcessEnricher';
import { createCommandRunner } from '../../../../../electron/core/process/commandRunner';
import { dockerAvailable, requireDocker, TEST_IMAGE, TEST_LABEL } from '../../../../support/dockerEngine';
import { H100 } from '../nvidia/captureLines';
import { createStandIn, refClock, waitFor } from '../nvidia/standIn';

const NAME = `opsbar-gpu-t${process.pid}`;
let container: { id: string; pid: number } | null = null;
const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', timeout: 60_000 }).trim();

before(async () => {
  if (!(await dockerAvailable())) return;
  const id = docker(
    'run', '-d', '--name', NAME, '--network', 'none',
    '--label', 'com.docker.compose.project=gpu-test', '--label', 'com.docker.compose.service=worker', '--label', `${TEST_LABEL}=1`,
    TEST_IMAGE, 'sleep', '300',
  );
  container = { id, pid: Number(docker('inspect', '-f', '{{.State.Pid}}', id)) };
});

after(() => {
  if (container) docker('rm', '-f', container.id);
});

const endpoint = { kind: 'unix', socketPath: '/var/run/docker.sock', source: 'default' } as const;

test('a container process maps to its id, name, stack and service', async (t) => {
  if (!(await requireDocker(t))) return;
  assert.ok(container && container.pid > 0, 'the container runs');
  const api = createDockerApi(endpoint);
  const enricher = createGpuProcessEnricher({ getDockerApi: () => api, clock: refClock });
  const [p] = await enricher.enrich([{ pid: container.pid, name: 'sleep', gpuIndex: 0, gpuUuid: 'GPU-x', memoryBytes: 1 }]);
  assert.deepEqual(p.container, { id: container.id, name: NAME, stack: 'gpu-test', service: 'worker' });
  assert.equal(p.user, 'root');
  assert.ok(p.startedAt !== null && Math.abs(p.startedAt - Date.now()) < 10 * 60_000);
});

test('whole chain: nvidia-smi (stand-in) reports the container pid → source → enricher', async (t) => {
  if (!(await requireDocker(t))) return;
  assert.ok(container);
  const standIn = createStandIn({ FAKE_NVIDIA_SMI_CAPTURE: H100, FAKE_NVIDIA_SMI_PIDS: String(container.pid) });
  const source = createNvidiaGpuSource({
    intervalMs: 500,
    processIntervalMs: 1_000,
    nvidiaSmiPath: standIn.path,
    timeoutMs: 5_000,
    runner: createCommandRunner(),
    clock: refClock,
    env: standIn.env,
  });
  try {
    source.start({ onReading() {} });
    let processes: Awaited<ReturnType<typeof source.read>>['processes'] = [];
    await waitFor('the process list', async () => (processes = (await source.read()).processes).length > 0);
    const api = createDockerApi(endpoint);
    const [p] = await createGpuProcessEnricher({ getDockerApi: () => api, clock: refClock }).enrich(processes);
    assert.equal(p.pid, container.pid);
    assert.equal(p.gpuIndex, 0);
    assert.equal(p.memoryBytes, 2566 * 1024 * 1024);
    assert.deepEqual(p.container, { id: container.id, name: NAME, stack: 'gpu-test', service: 'worker' });
  } finally {
    await source.stop();
    standIn.remove();
  }
});

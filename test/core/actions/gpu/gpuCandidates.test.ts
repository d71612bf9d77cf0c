// Which holders of GPU memory the plan lists, how, and which it keeps (pure: the GPU list, the
// models list and each PID's identity are given).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gpuCandidates, type GpuCandidateInput } from '../../../../electron/core/actions/gpu/gpuCandidates';
import { electronShellPid } from '../../../../electron/core/actions/gpu/processExclusions';
import type { ProcessIdentity } from '../../../../electron/core/actions/gpu/processIdentity';
import type { GpuProcess } from '../../../../shared/types/gpu';
import type { ModelView } from '../../../../shared/types/models';
import { noGpuSnapshot, noModelsSnapshot, upModelEndpoint } from '../../../support/statusFixtures';

const GiB = 1024 ** 3;
const vllm = { id: 'c'.repeat(64), name: 'llm-vllm-1', stack: 'llm', service: 'vllm' };

function gpuProcess(pid: number, gib: number, overrides: Partial<GpuProcess> = {}): GpuProcess {
  return { pid, name: 'python3', gpuIndex: 0, gpuUuid: 'GPU-0', memoryBytes: gib * GiB, container: null, user: 'alice', startedAt: null, ...overrides };
}

function identity(pid: number, overrides: Partial<ProcessIdentity> = {}): ProcessIdentity {
  return { pid, startTicks: 1000 + pid, state: 'S', ppid: 1, uid: 1000, comm: 'python3', argv: ['python3', 'train.py'], containerId: null, ...overrides };
}

function input(processes: GpuProcess[], identities: Record<number, Partial<ProcessIdentity> | null>, overrides: Partial<GpuCandidateInput> = {}): GpuCandidateInput {
  return {
    gpu: noGpuSnapshot(1, { state: 'ok', available: true, error: null, source: 'nvidia-smi', processes }),
    models: noModelsSnapshot(),
    exclusions: { ownUid: 1000, ownPids: [4242], shellPid: null },
    readIdentity: (pid) => (identities[pid] === null ? null : identity(pid, identities[pid] ?? {})),
    ...overrides,
  };
}

test('biggest first: a container is restarted (ticked) or stopped (unticked) by its stack/service; a host process by PID and start time', () => {
  const { items, kept } = gpuCandidates(input([gpuProcess(10, 2), gpuProcess(20, 9, { container: vllm }), gpuProcess(21, 3, { container: vllm })], {}));
  assert.deepEqual(kept, []);
  assert.deepEqual(
    items.map((i) => [i.id, i.kind, i.name, i.bytes, i.selected]),
    [
      [`container:${vllm.id}:restart`, 'container.restart', 'llm/vllm', 12 * GiB, true],
      [`container:${vllm.id}:stop`, 'container.stop', 'llm/vllm', 12 * GiB, false],
      ['pid:10:1010', 'process.stop', 'python3 train.py', 2 * GiB, true],
    ],
  );
  assert.deepEqual(items[0].facts, { containerId: vllm.id, containerName: 'llm-vllm-1', pids: '20,21' });
  assert.deepEqual(items[2].facts, { pid: 10, startTicks: 1010, uid: 1000, cmdline: 'python3 train.py' });
});

test("only the operator's own processes, unless Opsbar runs as root; a process in an unnamed container or one that ended is kept", () => {
  const processes = [gpuProcess(10, 1), gpuProcess(11, 1), gpuProcess(12, 1), gpuProcess(13, 1)];
  const identities = { 11: { uid: 0 }, 12: { containerId: 'd'.repeat(64) }, 13: null };
  const asUser = gpuCandidates(input(processes, identities));
  assert.deepEqual(asUser.items.map((i) => i.facts.pid), [10]);
  assert.deepEqual(asUser.kept.map((k) => [k.id, k.reason]), [
    ['pid:11', 'owned by uid 0, not you (uid 1000): only your own processes are stopped; stop it as that user'],
    ['pid:12', `runs in container ${'d'.repeat(12)}, which Docker did not name: restart or stop that container instead`],
    ['pid:13', 'PID 13 has ended since the GPU list was read'],
  ]);
  const asRoot = gpuCandidates(input(processes, identities, { exclusions: { ownUid: 0, ownPids: [4242], shellPid: null } }));
  assert.deepEqual(asRoot.items.map((i) => i.facts.pid), [10, 11]);
});

test("a PID whose start time is not the GPU list's is kept (plan again); Opsbar's Electron parent is Opsbar", () => {
  const { items, kept } = gpuCandidates(input([gpuProcess(10, 1, { startedAt: 5 })], {}));
  assert.deepEqual(items, []);
  assert.match(kept[0].reason, /^PID 10 now belongs to another process than the one the GPU list saw/);
  assert.equal(electronShellPid(identity(77, { comm: 'electron', argv: ['/opt/Opsbar/opsbar'] })), 77);
  assert.equal(electronShellPid(identity(78, { comm: 'bash', argv: ['bash'] })), null);
});

test('a loaded Ollama model is an unload item; the processes that serve it are left unticked; gpuIndex keeps to one GPU', () => {
  const model: ModelView = { name: 'llama3.1:70b', loaded: true, sizeBytes: 40 * GiB, vramBytes: 38 * GiB, expiresAt: null, contextLength: null, details: {}, gpus: [{ gpuIndex: 0, memoryBytes: 38 * GiB, pid: 30 }], targetTokensPerSecond: 30, lastProbe: null, recentDecode: [], severity: 'ok' };
  const models = noModelsSnapshot(1, { endpoints: [upModelEndpoint('http://127.0.0.1:11434', { models: [model] })] });
  const processes = [gpuProcess(30, 38, { name: 'ollama' }), gpuProcess(40, 5, { gpuIndex: 1 })];
  const all = gpuCandidates(input(processes, { 30: { comm: 'ollama', argv: ['/usr/bin/ollama', 'runner'] } }, { models }));
  assert.deepEqual(all.items.map((i) => [i.id, i.selected]), [
    ['model:http://127.0.0.1:11434|llama3.1:70b', true],
    ['pid:30:1030', false],
    ['pid:40:1040', true],
  ]);
  assert.match(all.items[1].reason, /serves llama3\.1:70b on Ollama :11434: unloading the model is gentler$/);
  const gpu1 = gpuCandidates(input(processes, {}, { models, gpuIndex: 1 }));
  assert.deepEqual(gpu1.items.map((i) => i.id), ['pid:40:1040']);
});

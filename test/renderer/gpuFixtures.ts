// GPU data for component tests: a Linux box with two NVIDIA cards serving vLLM, and an Apple Silicon Mac.
import type { LiveMessage } from '../../shared/api/live';
import type { GpuDevice, GpuProcess, GpuSnapshot } from '../../shared/types/gpu';
import type { HistoryResult } from '../../shared/types/history';
import type { HostInventory } from '../../shared/types/inventory';
import type { RunbookLibraryView } from '../../shared/types/runbooks';
import type { Severity } from '../../shared/types/severity';
import type { StatusCheck } from '../../shared/types/status';
import type { FakeHandlers } from './fakeTransport';
import { NOW, statusSnapshot } from './fixtures';
import { library, summary } from './runbookFixtures';

/** GPU memory is counted in binary units, as nvidia-smi's MiB and the cards themselves ("80 GB" = 80 GiB). */
const GB = 1024 ** 3;
export const HOSTILE_PROCESS = '<img src=x onerror=alert(1)>';
export const COMMA_PROCESS = 'python3 -m sglang.launch_server --model a,b --tp=2,dp=1';

export function gpuDevice(overrides: Partial<GpuDevice> & { index: number }): GpuDevice {
  return {
    uuid: `GPU-0000000${overrides.index}-aaaa-bbbb-cccc-000000000000`,
    name: 'NVIDIA H100 80GB HBM3',
    vendor: 'nvidia',
    memoryUsedBytes: 41.2 * GB,
    memoryTotalBytes: 80 * GB,
    utilizationPercent: 87,
    temperatureC: 64,
    powerW: 212.4,
    powerLimitW: 700,
    migMode: 'disabled',
    memoryKind: 'dedicated',
    ...overrides,
  };
}

export function gpuProcess(overrides: Partial<GpuProcess> & { pid: number; name: string }): GpuProcess {
  return { gpuIndex: 0, gpuUuid: null, memoryBytes: GB, container: null, user: 'ops', startedAt: NOW - 3_600_000, ...overrides };
}

/** Processes deliberately out of order: the page sorts them by memory. */
export function gpuProcesses(): GpuProcess[] {
  return [
    gpuProcess({ pid: 4242, name: '/usr/bin/python3', gpuIndex: 1, memoryBytes: 2.5 * GB, user: 'ops' }),
    gpuProcess({
      pid: 3100,
      name: 'python3 -m vllm.entrypoints.openai.api_server',
      gpuIndex: 0,
      memoryBytes: 38.4 * GB,
      user: 'root',
      container: { id: 'c0ffee1234567890abcdef', name: 'llm-vllm-1', stack: 'llm', service: 'vllm' },
    }),
    gpuProcess({ pid: 5001, name: 'ollama', gpuIndex: null, gpuUuid: 'GPU-00000001-aaaa-bbbb-cccc-000000000000', memoryBytes: null, user: null }),
    gpuProcess({
      pid: 3999,
      name: 'text-embeddings-router',
      gpuIndex: 1,
      memoryBytes: 6 * GB,
      container: { id: 'deadbeef99887766', name: 'embedder', stack: null, service: null },
    }),
  ];
}

export function gpuSnapshot(overrides: Partial<GpuSnapshot> = {}): GpuSnapshot {
  return {
    at: NOW,
    available: true,
    state: 'ok',
    error: null,
    source: 'nvidia-smi',
    driverVersion: '550.54.15',
    devices: [gpuDevice({ index: 0 }), gpuDevice({ index: 1, memoryUsedBytes: 8.5 * GB, utilizationPercent: 12, temperatureC: null, powerW: null, powerLimitW: null })],
    processes: gpuProcesses(),
    processesNote: null,
    memoryPressure: null,
    ...overrides,
  };
}

export function unavailableGpu(state: 'unavailable' | 'unknown' | 'disabled', error: string | null): GpuSnapshot {
  return gpuSnapshot({ available: false, state, error, source: null, driverVersion: null, devices: [], processes: [] });
}

export function appleGpu(): GpuSnapshot {
  return gpuSnapshot({
    source: 'ioreg',
    driverVersion: null,
    memoryPressure: 'warning',
    processesNote: 'Per-process figures are not available on this Mac',
    processes: [],
    devices: [
      gpuDevice({
        index: 0,
        uuid: null,
        name: 'Apple M2 Ultra',
        vendor: 'apple',
        memoryUsedBytes: 48 * GB,
        memoryTotalBytes: 144 * GB,
        utilizationPercent: 35,
        temperatureC: null,
        powerW: null,
        powerLimitW: null,
        migMode: null,
        memoryKind: 'unified',
      }),
    ],
  });
}

export function hostInventory(overrides: Partial<HostInventory> = {}): HostInventory {
  return {
    at: NOW,
    cpu: { manufacturer: 'AMD', brand: 'EPYC 9454 48-Core Processor', cores: 96, physicalCores: 48 },
    os: { platform: 'linux', distro: 'Ubuntu', release: '24.04.1 LTS', arch: 'x64', kernel: '6.8.0-45-generic' },
    memoryBytes: 512 * GB,
    gpus: [
      { vendor: 'NVIDIA', model: 'NVIDIA H100 80GB HBM3', vramBytes: 80 * GB, cores: null },
      { vendor: 'NVIDIA', model: 'NVIDIA H100 80GB HBM3', vramBytes: 80 * GB, cores: null },
      { vendor: 'ASPEED Technology, Inc.', model: 'ASPEED Graphics Family', vramBytes: null, cores: null },
    ],
    error: null,
    ...overrides,
  };
}

/** History answers by series name; series not listed have no points yet. */
export function historyBySeries(values: Record<string, number[]>) {
  return (p: { series: string }): HistoryResult => ({
    series: p.series,
    resolution: 'raw',
    points: (values[p.series] ?? []).map((v, i, all) => ({ t: NOW - (all.length - i) * 60_000, avg: v, min: v - 1, max: v + 2 })),
  });
}

/** The fake core's GPU answers: the snapshot (also inside the status), the inventory and GPU history. */
export function gpuHandlers(gpu: GpuSnapshot = gpuSnapshot(), inventory: HostInventory = hostInventory()): FakeHandlers {
  return {
    'gpu.snapshot': () => gpu,
    'status.get': () => ({ ...statusSnapshot(), gpu }),
    'inventory.get': () => inventory,
    'history.query': historyBySeries({
      'gpu.memoryPercent:0': [40, 45, 51],
      'gpu.utilizationPercent:0': [80, 95, 87],
    }),
  };
}

/** A live status message that changed only the GPU module. */
export function gpuStatusMessage(gpu: GpuSnapshot): Extract<LiveMessage, { type: 'status' }> {
  const status = statusSnapshot();
  return { type: 'status', head: { at: gpu.at, overall: status.overall, checks: status.checks }, modules: { gpu }, full: false, readAt: { gpu: gpu.at } };
}

/** The core's check on one GPU's memory (`gpu:<i>:memory`, alert gpu.memory), as gpuChecks builds it. */
export function gpuMemoryCheck(index: number, severity: Severity, summary = '76.0 GB of 80.0 GB (95%)'): StatusCheck {
  return { id: `gpu:${index}:memory`, label: `GPU ${index} memory`, alert: 'gpu.memory', severity, summary };
}

/** The core's check on one GPU's temperature (`gpu:<i>:temperature`, alert gpu.temperature). */
export function gpuTemperatureCheck(index: number, severity: Severity, summary = '88 °C'): StatusCheck {
  return { id: `gpu:${index}:temperature`, label: `GPU ${index} temperature`, alert: 'gpu.temperature', severity, summary };
}

/** The core's check when the GPU tool fails (`gpu`, alert gpu.unavailable). */
export function gpuToolCheck(summary = 'nvidia-smi timed out after 5 s'): StatusCheck {
  return { id: 'gpu', label: 'GPU', alert: 'gpu.unavailable', severity: 'warning', summary };
}

export const GPU_MEMORY_RUNBOOK = 'GPU memory emergency — who holds it, unload, stop, verify';

/** The runbook library with the built-in GPU memory runbook and one for a failing GPU tool. */
export function gpuRunbookLibrary(): RunbookLibraryView {
  const base = library();
  return {
    ...base,
    runbooks: [
      ...base.runbooks,
      summary({ id: 'gpu-memory-emergency', title: GPU_MEMORY_RUNBOOK, category: 'emergency', severity: 'critical', triggers: ['gpu.memory'] }),
      summary({ id: 'nvidia-smi-stuck', title: 'nvidia-smi does not answer', category: 'incident', severity: 'warning', triggers: ['gpu.unavailable'] }),
    ],
  };
}

/**
 * The fake core's answers for a GPU whose status carries the given checks (after the status
 * fixture's own), and the GPU runbooks in the library.
 */
export function gpuHandlersWithChecks(gpu: GpuSnapshot, checks: StatusCheck[]): FakeHandlers {
  return {
    ...gpuHandlers(gpu),
    'status.get': () => ({ ...statusSnapshot(), gpu, checks: [...statusSnapshot().checks, ...checks] }),
    'runbooks.list': () => gpuRunbookLibrary(),
  };
}

/** One H100 at 95 % memory (76 of 80 GB) and 88 °C: both over the core's default warning lines. */
export function hotGpu(): GpuSnapshot {
  return gpuSnapshot({
    devices: [gpuDevice({ index: 0, memoryUsedBytes: 76 * GB, temperatureC: 88, utilizationPercent: 97, powerW: 655 })],
    processes: gpuProcesses().filter((p) => p.gpuIndex === 0),
  });
}

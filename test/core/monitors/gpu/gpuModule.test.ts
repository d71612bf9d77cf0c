import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../../../shared/config/settingsSchema';
import type { GpuDevice, GpuProcess, GpuSnapshot } from '../../../../shared/types/gpu';
import { GpuCollector } from '../../../../electron/core/monitors/gpu/gpuCollector';
import { gpuModule } from '../../../../electron/core/monitors/gpu/gpuModule';
import { processSamples } from '../../../../electron/core/monitors/gpu/gpuSamples';
import type { GpuReading, GpuSource, RawGpuProcess } from '../../../../electron/core/monitors/gpu/gpuSource';
import { noGpuSnapshot } from '../../../support/statusFixtures';
import { TestClock } from '../../../support/testClock';

const MIB = 1024 ** 2;

function device(index: number, usedMiB: number | null, totalMiB: number | null, overrides: Partial<GpuDevice> = {}): GpuDevice {
  return {
    index,
    uuid: `GPU-${index}`,
    name: 'NVIDIA GeForce RTX 4090',
    vendor: 'nvidia',
    memoryUsedBytes: usedMiB === null ? null : usedMiB * MIB,
    memoryTotalBytes: totalMiB === null ? null : totalMiB * MIB,
    utilizationPercent: 40,
    temperatureC: 60,
    powerW: 200,
    powerLimitW: 450,
    migMode: null,
    memoryKind: 'dedicated',
    ...overrides,
  };
}

function snapshot(devices: GpuDevice[], overrides: Partial<GpuSnapshot> = {}): GpuSnapshot {
  return { ...noGpuSnapshot(1), available: true, state: 'ok', error: null, source: 'nvidia-smi', devices, ...overrides };
}

const assess = (s: GpuSnapshot | null, settings = defaultSettings(), error: string | null = null) =>
  gpuModule.assess({ snapshot: s, error, enabled: settings.gpu.enabled, settings, at: 1 });

test('GPU memory: warning at 90%, critical at 97%, the tray line in GB of the card', () => {
  const a = assess(snapshot([device(0, 21811, 24576), device(1, 24000, 24576), device(2, 1000, 24576)]));
  const severity = Object.fromEntries(a.checks.filter((c) => c.alert === 'gpu.memory').map((c) => [c.id, c.severity]));
  assert.deepEqual(severity, { 'gpu:0:memory': 'ok', 'gpu:1:memory': 'critical', 'gpu:2:memory': 'ok' });
  const warn = assess(snapshot([device(0, 22500, 24576)]));
  assert.equal(warn.checks[0].severity, 'warning');
  assert.deepEqual(gpuModule.trayLines!(warn)[0], { label: 'GPU 0 · 22.0 of 24.0 GB (92%)', severity: 'warning' });
});

test('thresholds per GPU by index or UUID; a changed threshold needs no new reading', () => {
  const settings = defaultSettings();
  settings.gpu.perGpu = { '1': { memoryPercentWarning: 50 }, 'GPU-2': { memoryPercentCritical: 60 } };
  const a = assess(snapshot([device(0, 14000, 24576), device(1, 14000, 24576), device(2, 15000, 24576)]), settings);
  assert.deepEqual(a.checks.filter((c) => c.alert === 'gpu.memory').map((c) => c.severity), ['ok', 'warning', 'critical']);
});

test('temperature warns at 85 °C and shows in the tray line; unknown figures are no check, not 0', () => {
  const hot = assess(snapshot([device(0, 1000, 24576, { temperatureC: 88 })]));
  assert.equal(hot.checks.find((c) => c.alert === 'gpu.temperature')!.severity, 'warning');
  assert.match(gpuModule.trayLines!(hot)[0].label, /· 88 °C$/);
  const unified = assess(snapshot([device(0, null, null, { temperatureC: null, memoryKind: 'unified' })]));
  assert.deepEqual(unified.checks.map((c) => [c.summary, c.severity]), [['memory not reported', 'ok']]);
});

test('no GPU is no check; a GPU tool that fails is a warning naming why; off says how to turn it on', () => {
  assert.deepEqual(assess(noGpuSnapshot()).checks, []);
  const broken = assess(snapshot([], { state: 'unknown', available: false, error: 'nvidia-smi did not answer in 5 s' }));
  assert.deepEqual(broken.checks, [{ id: 'gpu', label: 'GPU', alert: 'gpu.unavailable', severity: 'warning', summary: 'nvidia-smi did not answer in 5 s' }]);
  assert.deepEqual(gpuModule.trayLines!(broken), [{ label: 'GPU — nvidia-smi did not answer in 5 s', severity: 'warning' }]);
  const thrown = assess(null, defaultSettings(), 'GPU monitor could not start: boom');
  assert.equal(thrown.snapshot.state, 'unknown');
  assert.equal(thrown.checks[0].severity, 'warning');
  const settings = defaultSettings();
  settings.gpu.enabled = false;
  const off = assess(null, settings);
  assert.equal(off.snapshot.state, 'disabled');
  assert.match(off.snapshot.error ?? '', /gpu\.enabled: false/);
  assert.deepEqual(off.checks, []);
});

test('process memory history: per container by stack, per host process name, unknown memory left out', () => {
  const p = (pid: number, memoryBytes: number | null, container: GpuProcess['container']): GpuProcess => ({ pid, name: 'python3', gpuIndex: 0, gpuUuid: 'GPU-0', memoryBytes, container, user: 'root', startedAt: 1 });
  const vllm = { id: 'a'.repeat(64), name: 'llm-vllm-1', stack: 'llm', service: 'vllm' };
  const samples = processSamples([p(1, 10, vllm), p(2, 5, vllm), p(3, 7, null), p(4, null, null)], 9);
  assert.deepEqual(samples, [
    { series: 'gpu.process.memoryBytes:llm/llm-vllm-1', ts: 9, value: 15 },
    { series: 'gpu.process.memoryBytes:host/python3', ts: 9, value: 7 },
  ]);
});

test('the collector enriches processes only when the list changed, and writes no samples without a reading', async () => {
  const clock = new TestClock(1_000);
  const raw: RawGpuProcess[] = [{ pid: 42, name: 'ollama', gpuIndex: 0, gpuUuid: 'GPU-0', memoryBytes: 100 }];
  let reading: GpuReading = { state: 'ok', error: null, source: 'nvidia-smi', driverVersion: '590.48.01', devices: [device(0, 1000, 81559)], processes: raw, processesNote: null, memoryPressure: null };
  const source: GpuSource = { kind: 'nvidia', start() {}, read: async () => reading, stop: async () => {} };
  let enriched = 0;
  const collector = new GpuCollector({
    source,
    clock,
    intervalMs: 2_000,
    enrich: async (list) => (enriched++, list.map((r) => ({ ...r, container: null, user: 'root', startedAt: null }))),
  });
  const first = await collector.collect();
  const second = await collector.collect();
  assert.equal(enriched, 1);
  assert.equal(first.samples.filter((s) => s.series.startsWith('gpu.process.')).length, 1);
  assert.equal(second.samples.filter((s) => s.series.startsWith('gpu.process.')).length, 0, 'process samples only when the list is fresh');
  assert.deepEqual(second.samples.map((s) => s.series).sort(), ['gpu.memoryPercent:0', 'gpu.memoryUsedBytes:0', 'gpu.powerW:0', 'gpu.temperatureC:0', 'gpu.utilizationPercent:0']);
  reading = { ...reading, state: 'unknown', error: 'nvidia-smi failed', devices: [], processes: [] };
  const failed = await collector.collect();
  assert.deepEqual(failed.samples, []);
  assert.equal(failed.snapshot.available, false);
});

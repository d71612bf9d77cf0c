// The --query-gpu line parser over real outputs: the H100 and RTX 2080 SUPER captures (idle and
// load, with units and in nounits form), the netdata Tesla P100 CSV and the GB10 table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGpuLine, type GpuLineResult } from '../../../../../electron/core/monitors/gpu/nvidia/gpuLineParser';
import { createLineSplitter } from '../../../../../electron/core/monitors/gpu/nvidia/lineSplitter';
import { GPU_FIELDS } from '../../../../../electron/core/monitors/gpu/nvidia/queryFields';
import type { GpuDevice } from '../../../../../shared/types/gpu';
import { captureSection, fixture, gb10Line, H100, headerFor, linesFor, RTX2080, type Phase } from './captureLines';

const MiB = 1024 * 1024;

function device(result: GpuLineResult): GpuDevice {
  assert.equal(result.kind, 'gpu', `expected a GPU line, got ${result.kind}`);
  return (result as Extract<GpuLineResult, { kind: 'gpu' }>).line.device;
}

const expected: Record<string, Record<Phase, Partial<GpuDevice> & { driver: string }>> = {
  [H100]: {
    idle: { name: 'NVIDIA H100 80GB HBM3', memoryUsedBytes: 0, memoryTotalBytes: 81559 * MiB, utilizationPercent: 0, temperatureC: 41, powerW: 69.85, powerLimitW: 700, migMode: 'disabled', driver: '590.48.01' },
    load: { name: 'NVIDIA H100 80GB HBM3', memoryUsedBytes: 19818 * MiB, memoryTotalBytes: 81559 * MiB, utilizationPercent: 100, temperatureC: 59, powerW: 631.95, powerLimitW: 700, migMode: 'disabled', driver: '590.48.01' },
  },
  [RTX2080]: {
    idle: { name: 'NVIDIA GeForce RTX 2080 SUPER', memoryUsedBytes: 214 * MiB, memoryTotalBytes: 8192 * MiB, utilizationPercent: 0, temperatureC: 40, powerW: 39.32, powerLimitW: 250, migMode: null, driver: '595.71.05' },
    load: { name: 'NVIDIA GeForce RTX 2080 SUPER', memoryUsedBytes: 819 * MiB, memoryTotalBytes: 8192 * MiB, utilizationPercent: 8, temperatureC: 45, powerW: 111.5, powerLimitW: 250, migMode: null, driver: '595.71.05' },
  },
};

for (const capture of [H100, RTX2080]) {
  for (const phase of ['idle', 'load'] as const) {
    for (const form of ['units', 'nounits'] as const) {
      test(`parseGpuLine reads ${capture.split('/').pop()} ${phase} (${form})`, () => {
        const section = captureSection(capture, phase, 'query-gpu');
        const [line] = linesFor(section, GPU_FIELDS, form);
        const result = parseGpuLine(line, GPU_FIELDS);
        const { driver, ...figures } = expected[capture][phase];
        assert.deepEqual(device(result), { index: 0, uuid: 'GPU-00000000-0000-0000-0000-000000000000', vendor: 'nvidia', memoryKind: 'dedicated', ...figures });
        assert.equal((result as Extract<GpuLineResult, { kind: 'gpu' }>).line.driverVersion, driver);
      });
    }
  }
}

test('parseGpuLine skips the header a tool prints despite noheader', () => {
  const section = captureSection(H100, 'load', 'query-gpu');
  assert.deepEqual(parseGpuLine(headerFor(section, GPU_FIELDS), GPU_FIELDS), { kind: 'skip' });
  assert.deepEqual(parseGpuLine('   ', GPU_FIELDS), { kind: 'skip' });
});

test('parseGpuLine keeps commas in a GPU name (name is the last field) and tolerates spaces and CR', () => {
  const section = captureSection(H100, 'load', 'query-gpu');
  const [line] = linesFor(section, GPU_FIELDS, 'nounits');
  const renamed = line.replace('NVIDIA H100 80GB HBM3', 'NVIDIA H100, 80GB,  HBM3 (SXM, rev 2)');
  const spaced = `  ${renamed.split(', ').join(' ,   ')}  \r`;
  const parsed = device(parseGpuLine(spaced, GPU_FIELDS));
  assert.equal(parsed.name, 'NVIDIA H100 ,   80GB ,    HBM3 (SXM ,   rev 2)');
  assert.equal(device(parseGpuLine(renamed, GPU_FIELDS)).name, 'NVIDIA H100, 80GB,  HBM3 (SXM, rev 2)');
  assert.equal(parsed.memoryUsedBytes, 19818 * MiB);
  assert.equal(parsed.powerLimitW, 700);
});

test('parseGpuLine reads the netdata Tesla P100 CSV (name first, no index, [N/A], no final newline)', () => {
  const text = fixture('query-gpu-csv-nounits_tesla-p100_netdata.csv');
  assert.ok(!text.endsWith('\n'), 'the fixture has no final newline');
  const lines: string[] = [];
  const splitter = createLineSplitter({ onLine: (l) => lines.push(l), onOversize: () => assert.fail('no line is that long') });
  splitter.push(Buffer.from(text));
  splitter.end();
  const fields = lines[0].split(', ').map((h) => h.replace(/\s*\[.*\]$/, ''));
  assert.deepEqual(parseGpuLine(lines[0], fields), { kind: 'skip' });
  const p100 = device(parseGpuLine(lines[1], fields, 0));
  assert.deepEqual(p100, {
    index: 0,
    uuid: 'GPU-ef1b2c9b-38d8-2090-2bd1-f567a3eb42a6',
    name: 'Tesla P100-PCIE-16GB',
    vendor: 'nvidia',
    memoryUsedBytes: 0,
    memoryTotalBytes: null,
    utilizationPercent: 0,
    temperatureC: 37,
    powerW: 28.16,
    powerLimitW: null,
    migMode: null,
    // memory.total was not asked for: that says nothing about unified memory.
    memoryKind: 'dedicated',
  });
});

for (const missing of ['[N/A]', '[Not Supported]', 'Not Supported', 'N/A']) {
  test(`parseGpuLine: GB10 (DGX Spark) with memory ${missing} is unified memory, figures null (never 0)`, () => {
    const gb10 = device(parseGpuLine(gb10Line(fixture('table_gb10-dgx-spark_580.126.09_memory-not-supported.txt'), GPU_FIELDS, missing), GPU_FIELDS));
    assert.equal(gb10.name, 'NVIDIA GB10');
    assert.equal(gb10.memoryUsedBytes, null);
    assert.equal(gb10.memoryTotalBytes, null);
    assert.equal(gb10.memoryKind, 'unified');
    assert.equal(gb10.temperatureC, 36);
    assert.equal(gb10.powerW, 3);
    assert.equal(gb10.powerLimitW, null);
    assert.equal(gb10.utilizationPercent, 0);
  });
}

test('parseGpuLine turns every "not reported" word into null, never 0 or NaN', () => {
  const words = ['[N/A]', 'N/A', '[Not Supported]', 'Not Supported', '[Requested functionality has been deprecated]', '[Unknown Error]', '', '[GPU is lost]'];
  for (const word of words) {
    const line = ['1', 'GPU-1', word, word, word, word, word, word, word, word, 'Tesla'].join(', ');
    const gpu = device(parseGpuLine(line, GPU_FIELDS));
    for (const key of ['memoryUsedBytes', 'memoryTotalBytes', 'utilizationPercent', 'temperatureC', 'powerW', 'powerLimitW', 'migMode'] as const) {
      assert.equal(gpu[key], null, `${key} for ${JSON.stringify(word)}`);
    }
  }
});

test('parseGpuLine calls garbage and messages unreadable', () => {
  for (const line of [
    'hello world',
    "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
    'x, GPU-1, 1, 2, 3, 4, 5, 6, 7, 8, name',
    '0, not-a-uuid, 1, 2, 3, 4, 5, 6, 7, 8, name',
    '0, GPU-1',
  ]) {
    assert.deepEqual(parseGpuLine(line, GPU_FIELDS), { kind: 'unreadable' }, line);
  }
});

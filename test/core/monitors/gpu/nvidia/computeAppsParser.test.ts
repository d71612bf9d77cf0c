// The --query-compute-apps parser over real outputs: the H100 load capture, the telegraf RTX 3080
// XML (process names with commas, spaces and `=`), and the dcgm-exporter vGPU CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseComputeApps } from '../../../../../electron/core/monitors/gpu/nvidia/computeAppsParser';
import { COMPUTE_APPS_FIELDS } from '../../../../../electron/core/monitors/gpu/nvidia/queryFields';
import { captureSection, computeAppsLinesFromXml, fixture, H100, linesFor } from './captureLines';

const MiB = 1024 * 1024;

for (const form of ['units', 'nounits'] as const) {
  test(`parseComputeApps reads the H100 load capture's processes (${form})`, () => {
    const section = captureSection(H100, 'load', 'query-compute-apps');
    const text = `${linesFor(section, COMPUTE_APPS_FIELDS, form).join('\n')}\n`;
    const result = parseComputeApps(text);
    assert.ok(result.ok);
    const uuid = 'GPU-00000000-0000-0000-0000-000000000000';
    assert.deepEqual(result.processes, [
      { pid: 11327, name: '/root/tools/memhog', gpuIndex: null, gpuUuid: uuid, memoryBytes: 2566 * MiB },
      { pid: 11328, name: '/root/tools/memhog', gpuIndex: null, gpuUuid: uuid, memoryBytes: 1542 * MiB },
      { pid: 11345, name: './gpu_burn', gpuIndex: null, gpuUuid: uuid, memoryBytes: 15690 * MiB },
    ]);
  });

  test(`parseComputeApps keeps names with commas, spaces and = whole (telegraf RTX 3080 XML, ${form})`, () => {
    const { lines, processes } = computeAppsLinesFromXml(fixture('q-x_rtx3080_536.40_procs-with-commas.xml'), form);
    assert.ok(processes.some((p) => p.name.includes(',') && p.name.includes('=') && p.name.includes(' ')), 'the fixture has such names');
    const result = parseComputeApps(lines.join('\r\n'));
    assert.ok(result.ok);
    assert.deepEqual(
      result.processes.map((p) => [p.pid, p.name, p.gpuUuid, p.memoryBytes]),
      processes.map((p) => [p.pid, p.name, p.uuid, p.memoryMiB * MiB]),
    );
  });
}

test('parseComputeApps: vGPU rows (dcgm-exporter#94) report no memory: null, not 0', () => {
  // The capture asked for gpu_uuid and process_name only; the pids here are written.
  const [, ...rows] = fixture('compute-apps-csv_vgpu-multi-gpu_dcgm-exporter-issue94.csv').trim().split('\n');
  const lines = rows.map((row, i) => {
    const [uuid, name] = row.split(', ');
    return `${uuid}, ${1001 + i}, [N/A], ${name}`;
  });
  const result = parseComputeApps(lines.join('\n'));
  assert.ok(result.ok);
  assert.deepEqual(
    result.processes.map((p) => [p.pid, p.gpuUuid, p.name, p.memoryBytes]),
    [
      [1001, 'GPU-d0180485-9584-433c-6782-c335d5df2cb3', 'vgpu', null],
      [1002, 'GPU-777ead31-954e-837f-590f-6c4974d8e571', 'vgpu', null],
      [1003, 'GPU-777ead31-954e-837f-590f-6c4974d8e571', 'vgpu', null],
    ],
  );
});

test('parseComputeApps: no output, a header, or "No running processes found" mean no processes', () => {
  for (const text of ['', '\n', 'gpu_uuid, pid, used_gpu_memory [MiB], process_name\n', 'No running processes found\n']) {
    assert.deepEqual(parseComputeApps(text), { ok: true, processes: [] }, JSON.stringify(text));
  }
});

test('parseComputeApps reports a driver failure and unreadable output, and skips a bad row among good ones', () => {
  const failure = parseComputeApps("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n");
  assert.equal(failure.ok, false);
  assert.match((failure as { reason: string }).reason, /^NVIDIA-SMI has failed because/);
  const garbage = parseComputeApps('\x1b[31mgarbage\x00 here\n');
  assert.deepEqual(garbage, { ok: false, message: null, reason: 'nvidia-smi printed output Opsbar cannot read: garbage here' });
  const mixed = parseComputeApps('GPU-1, [Insufficient Permissions], 10, x\nGPU-1, 7, 10, y\n');
  assert.ok(mixed.ok);
  assert.deepEqual(mixed.processes.map((p) => p.pid), [7]);
});

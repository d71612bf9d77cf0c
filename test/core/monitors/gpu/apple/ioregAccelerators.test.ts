import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePlistText, parseUserClientCreator, readAccelerators } from '../../../../../electron/core/monitors/gpu/apple';
import { CLIENTS_PLIST, fixture, M1PRO_D1_PLIST, M1PRO_TEXT, SCALENE_LINE, textDict } from './fakes';

async function plist(name: string): Promise<unknown> {
  const parsed = await parsePlistText(fixture(name));
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.value;
}

test('the written plists carry exactly the real captures\' PerformanceStatistics', async () => {
  const statsLine = fixture(M1PRO_TEXT).split('\n').find((l) => l.includes('"PerformanceStatistics"'))!;
  const [m1pro] = (await plist(M1PRO_D1_PLIST)) as Array<Record<string, unknown>>;
  const [clients] = (await plist(CLIENTS_PLIST)) as Array<Record<string, unknown>>;
  assert.deepEqual(m1pro.PerformanceStatistics, textDict(statsLine));
  assert.deepEqual(clients.PerformanceStatistics, textDict(fixture(SCALENE_LINE)));
  // The other captured properties too, e.g. the M1 Pro's SoC and driver version.
  assert.equal(m1pro.IONameMatched, 'gpu,t6000');
  assert.equal(m1pro.IOSourceVersion, '190.22');
  assert.deepEqual(m1pro.AGCInfo, { fLastSubmissionPID: 390, fSubmissionsSinceLastCheck: 0, fBusyCount: 0 });
  assert.deepEqual([...(m1pro['vendor-id'] as Uint8Array)], [0x6b, 0x10, 0, 0]);
});

test('M1 Pro (stats issue 1094 values): utilization, memory in use and allocated, driver; no model, no clients', async () => {
  const found = readAccelerators(await plist(M1PRO_D1_PLIST));
  assert.ok(found.ok);
  assert.deepEqual(found.accelerators, [
    {
      className: 'AGXAcceleratorG13X',
      model: null,
      coreCount: null,
      utilizationPercent: 2,
      memoryUsedBytes: 340983808,
      memoryAllocatedBytes: 1214005248,
      driverVersion: '190.22',
      clients: [],
      hasClientData: false,
    },
  ]);
  assert.deepEqual(found.otherClasses, []);
});

test('with AGXDeviceUserClient children: model, core count and one client per pid', async () => {
  const found = readAccelerators(await plist(CLIENTS_PLIST));
  assert.ok(found.ok);
  const [gpu] = found.accelerators;
  assert.equal(gpu.model, 'Apple M1 Pro');
  assert.equal(gpu.coreCount, 16);
  assert.equal(gpu.utilizationPercent, 16);
  assert.equal(gpu.memoryUsedBytes, 448659456);
  assert.equal(gpu.memoryAllocatedBytes, 3193815040);
  assert.deepEqual(gpu.clients, [
    { pid: 390, name: 'WindowServer' },
    { pid: 4245, name: 'ollama' },
    { pid: 7001, name: 'Code Helper (GPU), beta' },
  ]);
  assert.equal(gpu.hasClientData, true);
});

test('IOUserClientCreator: "pid N, name" only', () => {
  assert.deepEqual(parseUserClientCreator('pid 4245, python3.12'), { pid: 4245, name: 'python3.12' });
  assert.deepEqual(parseUserClientCreator('pid 12,'), { pid: 12, name: '' });
  for (const bad of ['pid 0, kernel', 'pid x, y', '4245, python', 42, null, undefined]) assert.equal(parseUserClientCreator(bad), null, String(bad));
});

test('Intel and AMD accelerators are not Apple GPUs; model as NUL-padded data is read; odd figures are not trusted', () => {
  const found = readAccelerators([
    { IOObjectClass: 'IntelAccelerator', PerformanceStatistics: { 'Device Utilization %': 37 } },
    { IOObjectClass: 'AMDRadeonX6000_AMDNavi10GraphicsAccelerator' },
    { IOObjectClass: 'AGXAcceleratorG14G', model: new Uint8Array([...Buffer.from('Apple M2'), 0, 0]), PerformanceStatistics: { 'Device Utilization %': 140, 'In use system memory': -1 } },
    'not a dict',
  ]);
  assert.ok(found.ok);
  assert.deepEqual(found.otherClasses, ['IntelAccelerator', 'AMDRadeonX6000_AMDNavi10GraphicsAccelerator']);
  assert.equal(found.accelerators.length, 1);
  assert.equal(found.accelerators[0].model, 'Apple M2');
  assert.equal(found.accelerators[0].utilizationPercent, 100);
  assert.equal(found.accelerators[0].memoryUsedBytes, null);
});

test('a single entry may come back as a bare dict; anything else is refused', () => {
  const one = readAccelerators({ IOObjectClass: 'AGXAcceleratorG13G' });
  assert.ok(one.ok && one.accelerators.length === 1);
  assert.deepEqual(readAccelerators('text'), { ok: false, reason: 'ioreg printed a property list that is not a list of registry entries' });
  assert.deepEqual(readAccelerators([]), { ok: true, accelerators: [], otherClasses: [] });
});

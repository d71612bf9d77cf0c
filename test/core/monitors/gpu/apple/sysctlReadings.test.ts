import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSysctlReadings, pressureFromLevel, SYSCTL_NAMES } from '../../../../../electron/core/monitors/gpu/apple';
import { GIB, sysctlOutput } from './fakes';

test('one call reads chip, RAM, pressure and the wired limit, the unknown-on-old-macOS name last', () => {
  assert.deepEqual(SYSCTL_NAMES, ['machdep.cpu.brand_string', 'hw.memsize', 'kern.memorystatus_vm_pressure_level', 'iogpu.wired_limit_mb']);
  assert.deepEqual(parseSysctlReadings(sysctlOutput({ brand: 'Apple M1 Pro', memsize: 32 * GIB, pressure: 1, wiredMb: 0 })), {
    chipName: 'Apple M1 Pro',
    totalMemoryBytes: 32 * GIB,
    wiredLimitMb: 0,
    pressure: 'normal',
  });
});

test('pressure levels are XNU\'s dispatch flags 1/2/4; other values are not guessed', () => {
  assert.equal(pressureFromLevel(1), 'normal');
  assert.equal(pressureFromLevel(2), 'warning');
  assert.equal(pressureFromLevel(4), 'critical');
  for (const level of [0, 3, 8, null]) assert.equal(pressureFromLevel(level), null, String(level));
  assert.equal(parseSysctlReadings(sysctlOutput({ pressure: 4 })).pressure, 'critical');
});

test('sysctl stopped at an unknown iogpu name (Intel, macOS 13): the rest still read', () => {
  const readings = parseSysctlReadings(`${sysctlOutput({ brand: 'Intel(R) Core(TM) i9-9880H CPU @ 2.30GHz', memsize: 16 * GIB, pressure: 2 })}`);
  assert.deepEqual(readings, { chipName: 'Intel(R) Core(TM) i9-9880H CPU @ 2.30GHz', totalMemoryBytes: 16 * GIB, wiredLimitMb: null, pressure: 'warning' });
});

test('nothing or garbage: every figure null', () => {
  const none = { chipName: null, totalMemoryBytes: null, wiredLimitMb: null, pressure: null };
  assert.deepEqual(parseSysctlReadings(''), none);
  assert.deepEqual(parseSysctlReadings('hw.memsize: lots\nkern.memorystatus_vm_pressure_level: -1\niogpu.wired_limit_mb: 1.5\n'), none);
  assert.deepEqual(parseSysctlReadings('hw.memsize: 0\n'), none);
});

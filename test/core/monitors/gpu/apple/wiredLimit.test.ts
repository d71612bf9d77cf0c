import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultWiredCeilingBytes, gpuWiredCeilingBytes } from '../../../../../electron/core/monitors/gpu/apple';
import { GIB, MIB } from './fakes';

const mib = (bytes: number) => Math.round((bytes / MIB) * 100) / 100;

test('default ceiling matches the recommendedMaxWorkingSetSize values llama.cpp printed', () => {
  assert.equal(mib(defaultWiredCeilingBytes(16 * GIB)), 10922.67);
  assert.equal(mib(defaultWiredCeilingBytes(32 * GIB)), 21845.33); // printed 21845.34 (rounded up)
  assert.equal(defaultWiredCeilingBytes(64 * GIB), 48 * GIB);
  assert.equal(mib(defaultWiredCeilingBytes(96 * GIB)), 73728);
  assert.equal(defaultWiredCeilingBytes(128 * GIB), 96 * GIB);
});

test('2/3 up to and including 36 GiB, 3/4 above', () => {
  assert.equal(defaultWiredCeilingBytes(36 * GIB), 24 * GIB);
  assert.equal(defaultWiredCeilingBytes(48 * GIB), 36 * GIB);
  assert.equal(defaultWiredCeilingBytes(8 * GIB), Math.floor((8 * GIB * 2) / 3));
});

test('iogpu.wired_limit_mb set: that many MiB, never more than the RAM', () => {
  assert.equal(gpuWiredCeilingBytes({ totalBytes: 16 * GIB, wiredLimitMb: 12000 }), 12000 * MIB);
  assert.equal(gpuWiredCeilingBytes({ totalBytes: 128 * GIB, wiredLimitMb: 114688 }), 112 * GIB);
  assert.equal(gpuWiredCeilingBytes({ totalBytes: 16 * GIB, wiredLimitMb: 65536 }), 16 * GIB);
});

test('iogpu.wired_limit_mb 0 or not there: the default', () => {
  assert.equal(gpuWiredCeilingBytes({ totalBytes: 64 * GIB, wiredLimitMb: 0 }), 48 * GIB);
  assert.equal(gpuWiredCeilingBytes({ totalBytes: 64 * GIB, wiredLimitMb: null }), 48 * GIB);
});

test('RAM unknown: no ceiling, even with a limit set', () => {
  assert.equal(gpuWiredCeilingBytes({ totalBytes: null, wiredLimitMb: 12000 }), null);
  assert.equal(gpuWiredCeilingBytes({ totalBytes: 0, wiredLimitMb: null }), null);
});

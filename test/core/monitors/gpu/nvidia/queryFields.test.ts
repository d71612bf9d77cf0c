import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeAppsArgs, GPU_FIELDS, loopArgs, rejectedField, smallerFieldSet } from '../../../../../electron/core/monitors/gpu/nvidia/queryFields';
import { locateNvidiaSmi } from '../../../../../electron/core/monitors/gpu/nvidia/locateNvidiaSmi';
import { RestartBackoff } from '../../../../../electron/core/monitors/gpu/nvidia/restartBackoff';

test('the loop asks for name last, in csv without header or units, at the interval', () => {
  const args = loopArgs(GPU_FIELDS, 2000);
  assert.equal(args[0], '--query-gpu=index,uuid,driver_version,memory.used,memory.total,utilization.gpu,temperature.gpu,power.draw,power.limit,mig.mode.current,name');
  assert.deepEqual(args.slice(1), ['--format=csv,noheader,nounits', '-lms', '2000']);
  assert.deepEqual(computeAppsArgs(), ['--query-compute-apps=gpu_uuid,pid,used_gpu_memory,process_name', '--format=csv,noheader,nounits']);
});

test('rejectedField reads the old-driver message', () => {
  assert.equal(rejectedField('Field "mig.mode.current" is not a valid field to query.'), 'mig.mode.current');
  assert.equal(rejectedField('something else'), null);
});

test('smallerFieldSet drops the named field, else the optional ones, never index or name', () => {
  const noMig = smallerFieldSet(GPU_FIELDS, 'mig.mode.current');
  assert.ok(noMig && !noMig.includes('mig.mode.current') && noMig.includes('power.limit'));
  const noOptional = smallerFieldSet(GPU_FIELDS, 'enforced.power.limit');
  assert.ok(noOptional && !noOptional.includes('mig.mode.current') && !noOptional.includes('power.limit'));
  const noUuid = smallerFieldSet(noOptional, 'uuid');
  assert.ok(noUuid && !noUuid.includes('uuid'));
  assert.equal(smallerFieldSet(noOptional, 'index'), null);
  assert.equal(smallerFieldSet(noOptional, null), null);
});

test('locateNvidiaSmi: the configured path, else PATH, else the driver folders', () => {
  const have = (...paths: string[]) => (p: string) => paths.includes(p);
  assert.equal(locateNvidiaSmi({ configured: '/opt/x/nvidia-smi', envPath: '/usr/bin', exists: have('/opt/x/nvidia-smi') }).path, '/opt/x/nvidia-smi');
  // A configured path that is not there is not silently replaced by another nvidia-smi.
  assert.equal(locateNvidiaSmi({ configured: '/opt/x/nvidia-smi', envPath: '/usr/bin', exists: have('/usr/bin/nvidia-smi') }).path, null);
  assert.equal(locateNvidiaSmi({ configured: '', envPath: '/a:/b', exists: have('/b/nvidia-smi', '/usr/bin/nvidia-smi') }).path, '/b/nvidia-smi');
  assert.equal(locateNvidiaSmi({ configured: '', envPath: undefined, exists: have('/usr/lib/wsl/lib/nvidia-smi') }).path, '/usr/lib/wsl/lib/nvidia-smi');
  assert.equal(locateNvidiaSmi({ configured: '', envPath: '/a', exists: have('/usr/local/nvidia/bin/nvidia-smi') }).path, '/usr/local/nvidia/bin/nvidia-smi');
  const none = locateNvidiaSmi({ configured: '', envPath: 'relative:/a', exists: () => false });
  assert.equal(none.path, null);
  assert.deepEqual(none.looked, ['/a/nvidia-smi', '/usr/bin/nvidia-smi', '/usr/local/nvidia/bin/nvidia-smi', '/usr/lib/wsl/lib/nvidia-smi']);
});

test('RestartBackoff doubles to the cap and starts over after a healthy run', () => {
  const backoff = new RestartBackoff({ initialMs: 1000, maxMs: 8000, resetAfterMs: 60_000 });
  assert.deepEqual([1, 2, 3, 4, 5].map(() => backoff.next(10, true)), [1000, 2000, 4000, 8000, 8000]);
  assert.equal(backoff.next(60_000, false), 8000, 'a long run without figures is not healthy');
  assert.equal(backoff.next(60_000, true), 1000);
  assert.equal(backoff.next(5, true), 2000);
});

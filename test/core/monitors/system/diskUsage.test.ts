import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statfsSync } from 'node:fs';
import { diskUsageFromStatfs } from '../../../../electron/core/monitors/system/diskUsage';

const root = { source: '/dev/root', mount: '/', fsType: 'ext4' };

test('diskUsageFromStatfs counts root-reserved blocks as neither used nor free, like df', () => {
  // 1000 blocks of 4 KiB; 400 free, of which 50 reserved for root.
  const usage = diskUsageFromStatfs(root, { bsize: 4096, blocks: 1000, bfree: 400, bavail: 350 });
  assert.deepEqual(usage, {
    mount: '/',
    fsType: 'ext4',
    totalBytes: 4_096_000,
    usedBytes: 600 * 4096,
    freeBytes: 350 * 4096,
    usedPercent: (600 / 950) * 100,
  });
});

test('diskUsageFromStatfs: an empty file system is 0%, never NaN', () => {
  const usage = diskUsageFromStatfs(root, { bsize: 4096, blocks: 0, bfree: 0, bavail: 0 });
  assert.equal(usage.usedPercent, 0);
  assert.equal(usage.totalBytes, 0);
});

test('diskUsageFromStatfs on / matches df -B1', { skip: process.platform !== 'linux' && 'df --output is GNU coreutils' }, () => {
  const out = execFileSync('df', ['-B1', '--output=size,used,avail,target', '/'], { encoding: 'utf8' });
  const [size, used, avail] = out.trim().split('\n')[1].trim().split(/\s+/).map(Number);
  const usage = diskUsageFromStatfs(root, statfsSync('/'));
  const drift = 256 * 1024 * 1024; // other processes write between the two reads
  assert.equal(usage.totalBytes, size);
  assert.ok(Math.abs(usage.usedBytes - used) < drift, `used ${usage.usedBytes} vs df ${used}`);
  assert.ok(Math.abs(usage.freeBytes - avail) < drift, `free ${usage.freeBytes} vs df ${avail}`);
  assert.ok(Math.abs(usage.usedPercent - (used / (used + avail)) * 100) < 0.5);
});

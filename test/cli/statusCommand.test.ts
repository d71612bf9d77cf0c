import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runOpsbar } from '../support/opsbarProcess';

const tempDataDir = () => mkdtempSync(join(tmpdir(), 'opsbar-cli-'));

test('opsbar status --json prints one JSON object with the documented fields', async () => {
  const { stdout, code } = await runOpsbar(['status', '--json', '--data-dir', tempDataDir()]);
  assert.ok(code !== null && code <= 2, `exit code ${code}`);
  const status = JSON.parse(stdout);
  assert.equal(typeof status.system.cpu.percent, 'number');
  assert.ok(status.system.cpu.percent >= 0 && status.system.cpu.percent <= 100);
  assert.ok(status.system.memory.totalBytes > 0);
  assert.ok(status.system.memory.usedBytes > 0);
  const root = status.system.disks.find((d: { mount: string }) => d.mount === '/');
  assert.ok(root, 'the root disk is listed');
  assert.ok(root.totalBytes > root.freeBytes && root.freeBytes > 0);
  assert.equal(typeof status.docker.available, 'boolean');
  assert.ok(Array.isArray(status.docker.stacks));
  assert.ok(['ok', 'warning', 'critical', 'unknown'].includes(status.overall));
});

test('docker turned off in the config is respected; a bad config is reported, not fatal', async () => {
  const dataDir = tempDataDir();
  writeFileSync(join(dataDir, 'config.yaml'), 'docker:\n  enabled: false\nthresholds:\n  diskFreePercentWarning: "lots"\n');
  const { stdout, code } = await runOpsbar(['status', '--json', '--data-dir', dataDir]);
  assert.ok(code !== null && code <= 2);
  const status = JSON.parse(stdout);
  assert.equal(status.checks.some((c: { id: string }) => c.id === 'docker'), false);
  assert.match(status.configProblems.join('\n'), /thresholds\.diskFreePercentWarning/);
});

test('an unreachable Docker endpoint is said plainly and the command still answers', async () => {
  const dataDir = tempDataDir();
  writeFileSync(join(dataDir, 'config.yaml'), `docker:\n  endpoint: ${join(dataDir, 'no-such.sock')}\n`);
  const { stdout } = await runOpsbar(['status', '--json', '--data-dir', dataDir]);
  const status = JSON.parse(stdout);
  assert.equal(status.docker.available, false);
  assert.match(status.docker.error, /no-such\.sock/);
});

test('human output names the checks; usage errors exit 64', async () => {
  const { stdout } = await runOpsbar(['status', '--data-dir', tempDataDir()]);
  assert.match(stdout, /Opsbar status: (OK|WARNING|CRITICAL|UNKNOWN)/);
  assert.match(stdout, /Disk \//);
  assert.equal((await runOpsbar(['frobnicate'])).code, 64);
  assert.equal((await runOpsbar(['serve', '--port', 'abc'])).code, 64);
  const remote = await runOpsbar(['serve', '--host', '0.0.0.0', '--data-dir', tempDataDir()]);
  assert.equal(remote.code, 64);
  assert.match(remote.stderr, /not a loopback address/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createComputeAppsPoller } from '../../../../../electron/core/monitors/gpu/nvidia/computeAppsPoller';
import type { CommandRunner } from '../../../../../electron/core/process/commandRunner';
import { TestClock } from '../../../../support/testClock';

test('while no GPU memory moved, per-process rounds are skipped up to maxQuietMs; a change queries at the next round', async () => {
  const clock = new TestClock(0);
  let queries = 0;
  let ok = true;
  const runner: CommandRunner = {
    run: async () => {
      queries++;
      return { exitCode: ok ? 0 : 9, signal: null, stdout: ok ? 'GPU-0, 42, 100, ollama\n' : '', stderr: ok ? '' : 'boom', timedOut: false, truncated: false, spawnError: null, notFound: false };
    },
  };
  let unchanged = true;
  const poller = createComputeAppsPoller({ runner, clock, intervalMs: 10_000, timeoutMs: 5_000, target: () => '/usr/bin/nvidia-smi', onUpdate: () => undefined, unchanged: () => unchanged, maxQuietMs: 60_000 });
  poller.start();
  await poller.pollNow();
  assert.equal(queries, 1);
  for (let i = 0; i < 5; i++) await clock.advance(10_000);
  assert.equal(queries, 1, 'a quiet host is not asked every 10 s');
  await clock.advance(10_000);
  assert.equal(queries, 2, 'but at least once a minute');
  unchanged = false;
  await clock.advance(10_000);
  assert.equal(queries, 3, 'memory moved: the next round asks');
  unchanged = true;
  ok = false;
  await clock.advance(60_000);
  assert.equal(queries, 4);
  await clock.advance(10_000);
  assert.equal(queries, 5, 'after a failed query every round retries, quiet or not');
  await poller.stop();
});

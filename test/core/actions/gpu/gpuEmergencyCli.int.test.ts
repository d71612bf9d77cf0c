// `opsbar emergency gpu --plan` then `opsbar emergency execute PLAN --item ID`, as an operator runs
// them (the built CLI: `npx tsc -p tsconfig.build.json`), over the stand-in nvidia-smi whose
// process row maps to a real process of this test.
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, runOpsbar } from '../../../support/opsbarProcess';
import { tempDir } from '../../../support/tempDir';
import { H100 } from '../../monitors/gpu/nvidia/captureLines';
import { exited, MiB, startHolder } from './gpuActionHarness';

function dataDir(): string {
  const dir = tempDir('opsbar-gpu-emergency-');
  mkdirSync(join(dir, 'bin'));
  const smi = join(dir, 'bin', 'nvidia-smi');
  symlinkSync(join(REPO_ROOT, 'test', 'support', 'fakeNvidiaSmi.mjs'), smi);
  const config = [`gpu:`, `  nvidiaSmiPath: ${smi}`, `  timeoutMs: 3000`, `docker:`, `  enabled: false`, `models:`, `  enabled: false`, `emergency:`, `  gpu:`, `    termGrace: 2`, `    releaseWait: 20`];
  writeFileSync(join(dir, 'config.yaml'), `${config.join('\n')}\n`);
  return dir;
}

test('opsbar emergency gpu --plan lists the process (PID 1 kept); execute --item stops exactly it and reports the measured release', async (t) => {
  const holder = await startHolder(t);
  const dir = dataDir();
  const env = { FAKE_NVIDIA_SMI_CAPTURE: H100, FAKE_NVIDIA_SMI_PHASE: 'load', FAKE_NVIDIA_SMI_PIDS: `${holder.pid},1`, FAKE_NVIDIA_SMI_LIVE_PIDS: '1' };
  const planned = await runOpsbar(['emergency', 'gpu', '--plan', '--json', '--data-dir', dir], env);
  assert.equal(planned.code, 0, planned.stderr);
  const plan = JSON.parse(planned.stdout) as { id: string; items: { id: string; kind: string; bytes: number; facts: Record<string, unknown> }[]; kept: { id: string; reason: string }[] };
  assert.deepEqual(plan.items.map((i) => [i.kind, i.bytes, i.facts.pid]), [['process.stop', 2566 * MiB, holder.pid]]);
  assert.match(plan.items[0].id, new RegExp(`^pid:${holder.pid}:\\d+$`));
  assert.deepEqual(plan.kept.map((k) => [k.id, k.reason]), [['pid:1', 'PID 1 (the init process): never stopped']]);

  const ran = await runOpsbar(['emergency', 'execute', plan.id, '--item', plan.items[0].id, '--json', '--data-dir', dir], env);
  assert.equal(ran.code, 0, ran.stderr);
  const outcome = JSON.parse(ran.stdout) as { state: string; items: { id: string; outcome: string; detail: string }[]; verified: { passed: boolean; summary: string; figures: Record<string, number> } };
  assert.deepEqual(outcome.items.map((i) => [i.id, i.outcome, i.detail]), [[plan.items[0].id, 'done', 'stopped with SIGTERM']]);
  await exited(holder);
  assert.equal(holder.signalCode, 'SIGTERM');
  assert.equal(outcome.state, 'succeeded');
  assert.equal(outcome.verified.passed, true);
  assert.equal(outcome.verified.summary, 'released 2.5 GB (the plan predicted 2.5 GB)');
  assert.equal(outcome.verified.figures.gpuMemoryBefore - outcome.verified.figures.gpuMemoryAfter, 2566 * MiB);
});

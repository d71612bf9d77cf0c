import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ActionRecord, PlanItem } from '../../../shared/types/actions';
import type { RunDetail } from '../../../shared/types/runbooks';
import type { ActionPlugin, AnyActionPlugin } from '../../../electron/core/actions/actionPlugin';
import { createOpsbarCore } from '../../../electron/core/createCore';
import { silentLogger } from '../../../electron/core/logger';
import { eventually } from '../../support/eventually';
import { TestClock } from '../../support/testClock';
import { tempDir } from '../../support/tempDir';

// The emergency runbook steps as the core wires them: the runbook system reaches the action
// system built after it, and an execute step streams the items the framework reports.

const RUNBOOK = `---
id: free-disk
title: Free disk
category: emergency
---

## Plan

Shows the plan.

\`\`\`run action timeout=1m action=disk
emergency.plan
\`\`\`

## Execute

Runs it.

\`\`\`run action timeout=5m confirm="Confirm to execute exactly the plan shown above"
emergency.execute
\`\`\`
`;

/** A disk action that touches nothing real: it records the items the framework hands it. */
function recordingDiskPlugin(executed: string[]): AnyActionPlugin {
  const item = (id: string, selected: boolean): PlanItem => ({ id, kind: 'container.remove', name: `stopped-${id}`, bytes: 1_000_000, reason: 'stopped 3 days ago', selected, facts: { id } });
  const plugin: ActionPlugin = {
    name: 'disk',
    stopOnFailure: false,
    plan: async () => ({ title: 'Free disk space', items: [item('a', true), item('b', true), item('c', false)], kept: [{ id: 'volume:pg', kind: 'volume', name: 'pg', reason: 'named volume, never removed' }], notes: [], refusals: [] }),
    prepare: async () => ({ refusals: [], before: { freeBytesBefore: 0 } }),
    executeItem: async (planned) => {
      executed.push(planned.id);
      return { outcome: 'done', detail: 'removed', bytes: planned.bytes };
    },
    verify: async () => ({ passed: true, summary: 'Freed 2.0 MB on / (predicted 2.0 MB)', figures: { freeBytesBefore: 0, freeBytesAfter: 2_000_000 }, checks: [] }),
  };
  return plugin as AnyActionPlugin;
}

async function call<T>(core: ReturnType<typeof createOpsbarCore>, method: string, payload: unknown = {}): Promise<T> {
  const envelope = await core.dispatch(method, payload);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

test('a runbook plans through the core’s action system, waits for the confirmation, then executes exactly that plan', async () => {
  const dataDir = tempDir('opsbar-core-emergency-');
  const builtin = join(dataDir, 'builtin');
  mkdirSync(builtin);
  writeFileSync(join(builtin, 'free-disk.md'), RUNBOOK);
  writeFileSync(join(dataDir, 'config.yaml'), 'runbooks:\n  scheduling: false\ndocker:\n  enabled: false\n');
  const clock = new TestClock();
  const executed: string[] = [];
  const core = createOpsbarCore({ dataDir, clock, log: silentLogger, modules: [], builtinRunbookDir: builtin, actionPlugins: [recordingDiskPlugin(executed)] });
  const runOf = async (id: number) => call<RunDetail>(core, 'runbooks.run', { runId: id });
  const settled = (id: number, state: (run: RunDetail) => boolean) =>
    eventually('the run to settle', async () => {
      const run = await runOf(id);
      if (state(run)) return run;
      await clock.advance(0);
      return undefined;
    });
  try {
    await core.start();
    const book = await call<{ hash: string }>(core, 'runbooks.get', { id: 'free-disk' });
    const started = await call<RunDetail>(core, 'runbooks.start', { id: 'free-disk', hash: book.hash, mode: 'auto' });
    const waiting = await settled(started.id, (run) => run.wait?.kind === 'confirm' || run.state !== 'running');
    assert.equal(waiting.steps[0]?.state, 'passed', waiting.steps[0]?.summary);
    assert.deepEqual(executed, [], 'nothing is executed before the confirmation');
    const [record] = await call<ActionRecord[]>(core, 'actions.recent', { limit: 5 });
    assert.match(waiting.steps[0]?.output ?? '', new RegExp(`^Free disk space — plan ${record.plan.id}\n`));

    await call<RunDetail>(core, 'runbooks.step', { runId: started.id, stepIndex: 1, command: 'confirm' });
    const done = await settled(started.id, (run) => run.state !== 'running' && run.state !== 'waiting');
    assert.equal(done.state, 'succeeded', done.summary);
    assert.deepEqual(executed, ['a', 'b'], 'the selected items of the plan shown, nothing else');
    assert.match(done.steps[1]?.output ?? '', /done container\.remove stopped-a: removed, 1\.00 MB\ndone container\.remove stopped-b: removed, 1\.00 MB\n/);
    assert.match(done.steps[1]?.output ?? '', /verified passed: Freed 2\.0 MB on \//);
    const after = await call<ActionRecord>(core, 'actions.get', { planId: record.plan.id });
    assert.equal(after.outcome?.actor, `runbook run #${started.id}`);
    assert.equal(after.outcome?.state, 'succeeded');
  } finally {
    await core.stop();
  }
});

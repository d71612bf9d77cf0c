import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LiveMessage } from '../../../shared/api/live';
import type { OpsEvent } from '../../../shared/types/events';
import type { RunDetail, RunSummary } from '../../../shared/types/runbooks';
import { createOpsbarCore } from '../../../electron/core/createCore';
import { silentLogger } from '../../../electron/core/logger';
import { eventually } from '../../support/eventually';
import { TestClock } from '../../support/testClock';
import { tempDir } from '../../support/tempDir';

// The runbook system as the core wires it: API handlers, scheduler on the core's clock,
// scheduled-run events, the maintenance window in the status.

const EVERY_FIVE = `---
id: every-five
title: Every five minutes
category: daily
schedule: "*/5 * * * *"
---

## Say hello

\`\`\`run shell timeout=10s expect-output="hello"
echo hello
\`\`\`
`;

function setup(config: string) {
  const dataDir = tempDir('opsbar-core-rb-');
  const builtin = join(dataDir, 'builtin');
  mkdirSync(builtin);
  writeFileSync(join(builtin, 'every-five.md'), EVERY_FIVE);
  writeFileSync(join(dataDir, 'config.yaml'), config);
  // Sunday 2023-11-12 01:58 UTC: two minutes before a 02:00 maintenance window in UTC.
  const clock = new TestClock(Date.UTC(2023, 10, 12, 1, 58));
  const core = createOpsbarCore({ dataDir, clock, log: silentLogger, modules: [], builtinRunbookDir: builtin });
  const messages: LiveMessage[] = [];
  core.subscribe((m) => messages.push(m));
  return { core, clock, messages };
}

async function call<T>(core: ReturnType<typeof createOpsbarCore>, method: string, payload: unknown = {}): Promise<T> {
  const envelope = await core.dispatch(method, payload);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

/** Polls `probe` until it answers; with a clock, lets its due timers fire between tries (time stands still). */
function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, clock?: TestClock): Promise<T> {
  return eventually(what, async () => {
    const value = await probe();
    if (value === undefined && clock) await clock.advance(0);
    return value;
  });
}

test('a front-matter schedule runs on the core clock, is listed, and leaves an event', async () => {
  process.env.TZ = 'UTC';
  const { core, clock, messages } = setup('runbooks:\n  maintenanceWindow:\n    cron: "0 2 * * 0"\n    minutes: 60\n');
  try {
    await core.start();
    const { schedules } = await call<{ schedules: { runbookId: string; cron: string; nextRunAt: number }[] }>(core, 'runbooks.schedules');
    assert.deepEqual(
      schedules.map((s) => [s.runbookId, s.cron, new Date(s.nextRunAt).toISOString()]),
      [['every-five', '*/5 * * * *', '2023-11-12T02:00:00.000Z']],
    );
    await clock.advance(2 * 60_000);
    const run = await until('the scheduled run', async () => (await call<RunSummary[]>(core, 'runbooks.runs', { limit: 5 }))[0]);
    assert.equal(run.trigger, 'schedule');
    assert.match(run.startedBy, /^schedule \*\/5/);
    const done = await until('the run to end', async () => {
      const detail = await call<RunDetail>(core, 'runbooks.run', { runId: run.id });
      return detail.state === 'running' ? undefined : detail;
    }, clock);
    assert.equal(done.state, 'succeeded', done.summary);
    const event = await until('the event', () =>
      messages.map((m) => (m.type === 'event' ? m.event : null)).find((e): e is OpsEvent => e?.kind === 'runbook.succeeded'),
    );
    assert.equal(event.severity, 'info');
    assert.ok(messages.some((m) => m.type === 'run' && m.run.id === run.id && m.run.state === 'succeeded'), 'live run messages');

    // Sunday 02:00 opened the configured maintenance window: the status says so and silences non-critical alerts.
    const status = core.status();
    assert.equal(status.maintenance?.active, true);
    assert.equal(status.maintenance?.silenceNonCritical, true);
    assert.ok(status.checks.some((c) => c.id === 'maintenance' && /open until 03:00/.test(c.summary)), JSON.stringify(status.checks));
  } finally {
    await core.stop();
  }
});

test('the API refuses a start whose hash is not the file on disk, and a stale step command', async () => {
  const { core } = setup('runbooks:\n  scheduling: false\n');
  try {
    await core.start();
    const runbook = await call<{ hash: string }>(core, 'runbooks.get', { id: 'every-five' });
    const stale = await core.dispatch('runbooks.start', { id: 'every-five', hash: '0'.repeat(64) });
    assert.equal(stale.ok, false);
    if (!stale.ok) assert.equal(stale.error.code, 'refused');
    const run = await call<RunDetail>(core, 'runbooks.start', { id: 'every-five', hash: runbook.hash, mode: 'guided' });
    assert.deepEqual(run.wait, { kind: 'next-step' });
    const wrongStep = await core.dispatch('runbooks.step', { runId: run.id, stepIndex: 3, command: 'run' });
    assert.equal(wrongStep.ok, false);
    if (!wrongStep.ok) assert.equal(wrongStep.error.code, 'refused');
    const missing = await core.dispatch('runbooks.run', { runId: 999 });
    assert.equal(missing.ok, false);
    if (!missing.ok) assert.equal(missing.error.code, 'not_found');
  } finally {
    await core.stop();
  }
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { OpsbarStore, type NewRun } from '../../../electron/core/store/opsbarStore';
import Database from 'better-sqlite3';
import { migrate } from '../../../electron/core/store/migrations';
import { MAX_STORED_OUTPUT_BYTES, RunbookRunLog, processIsAlive } from '../../../electron/core/store/runbookRunLog';
import type { StepAttempt } from '../../../shared/types/runbooks';
import { tempDir } from '../../support/tempDir';
import { DAY, NOW, RETENTION_DEFAULTS } from './fixtures/storeFixtures';

const newRun = (runbookId: string, overrides: Partial<NewRun> = {}): NewRun => ({
  runbookId,
  runbookTitle: `Title of ${runbookId}`,
  hash: 'a'.repeat(64),
  trigger: 'operator',
  startedBy: 'operator',
  mode: 'auto',
  state: 'running',
  params: { STACK: 'ollama "q" ü' },
  currentStep: 0,
  stepCount: 3,
  wait: null,
  summary: '',
  suggestedRunbook: null,
  notes: '',
  startedAt: NOW,
  ...overrides,
});

const attempt = (n: number, stepIndex: number, overrides: Partial<StepAttempt> = {}): StepAttempt => ({
  attempt: n,
  stepIndex,
  stepId: `step-${stepIndex}`,
  state: 'running',
  command: 'docker info --format "{{.ServerVersion}}"',
  startedAt: NOW + n,
  endedAt: null,
  exitCode: null,
  output: '',
  outputBytes: 0,
  outputTruncated: false,
  checks: [],
  summary: '',
  note: '',
  ...overrides,
});

function openStore(file = join(tempDir(), 'opsbar.db')): { store: OpsbarStore; file: string } {
  return { store: OpsbarStore.open(file, { now: () => NOW }).store, file };
}

test('a run and its attempts round-trip, durable on return; steps hold the latest attempt per step', () => {
  const { store, file } = openStore();
  const created = store.createRun(newRun('docker-answers'));
  assert.equal(created.id, 1);
  assert.deepEqual(created.steps, [null, null, null]);
  store.addAttempt(created.id, attempt(1, 0));
  const passed = attempt(1, 0, {
    state: 'passed',
    endedAt: NOW + 50,
    exitCode: 0,
    output: 'Server Version: 24.0.7\n',
    outputBytes: 23,
    checks: [{ label: 'exit code', expected: '0', actual: '0', passed: true }],
    summary: 'exit code 0, output matched',
  });
  store.updateAttempt(created.id, passed);
  const failed = attempt(2, 1, { state: 'failed', exitCode: 1, endedAt: NOW + 90, summary: 'exit code 1 (expected 0)' });
  store.addAttempt(created.id, failed);
  const retried = attempt(3, 1, { state: 'passed', exitCode: 0, endedAt: NOW + 120, note: 'fixed the mount' });
  store.addAttempt(created.id, retried);
  store.updateRun(created.id, {
    mode: 'guided',
    state: 'waiting',
    currentStep: 2,
    wait: { kind: 'failure', offer: { kind: 'goto', stepId: 'step-0' } },
    summary: 'waiting',
    suggestedRunbook: 'disk-full',
    notes: 'a note',
    endedAt: null,
  });
  store.close();

  const { store: reopened } = openStore(file);
  const run = reopened.getRun(created.id);
  assert.ok(run);
  assert.equal(run.runbookId, 'docker-answers');
  assert.deepEqual(run.params, { STACK: 'ollama "q" ü' });
  assert.equal(run.state, 'waiting');
  assert.equal(run.mode, 'guided');
  assert.equal(run.currentStep, 2);
  assert.deepEqual(run.wait, { kind: 'failure', offer: { kind: 'goto', stepId: 'step-0' } });
  assert.equal(run.suggestedRunbook, 'disk-full');
  assert.deepEqual(run.attempts, [passed, failed, retried]);
  assert.deepEqual(run.steps, [passed, retried, null]);
  assert.equal(reopened.getRun(99), undefined);
  reopened.close();
});

test('runs page newest first by beforeId, optionally for one runbook', () => {
  const { store } = openStore();
  for (let i = 0; i < 12; i++) store.createRun(newRun(i % 3 === 0 ? 'disk-full' : 'docker-answers', { startedAt: NOW + i }));
  const first = store.listRuns({ limit: 5 });
  assert.deepEqual(first.map((r) => r.id), [12, 11, 10, 9, 8]);
  assert.deepEqual(store.listRuns({ limit: 5, beforeId: 8 }).map((r) => r.id), [7, 6, 5, 4, 3]);
  assert.deepEqual(store.listRuns({ limit: 10, runbookId: 'disk-full' }).map((r) => r.id), [10, 7, 4, 1]);
  assert.deepEqual(store.listRuns({ limit: 2, runbookId: 'disk-full', beforeId: 7 }).map((r) => r.id), [4, 1]);
  assert.deepEqual(store.listRuns({ limit: 0 }), []);
  const summary = first[0];
  assert.equal(summary.runbookTitle, 'Title of docker-answers');
  assert.equal('params' in summary, false, 'a summary carries no params or attempts');
  store.close();
});

test('unfinished runs become interrupted at their step, their running attempts too; ended runs are left alone', () => {
  const { store } = openStore();
  const running = store.createRun(newRun('a', { currentStep: 1 }));
  store.addAttempt(running.id, attempt(1, 0, { state: 'passed', endedAt: NOW + 1 }));
  store.addAttempt(running.id, attempt(2, 1));
  const waiting = store.createRun(newRun('b', { state: 'waiting', wait: { kind: 'next-step' } }));
  const ended = store.createRun(newRun('c'));
  store.updateRun(ended.id, { mode: 'auto', state: 'succeeded', currentStep: 2, wait: null, summary: '3 steps passed', suggestedRunbook: null, notes: '', endedAt: NOW + 5 });

  assert.deepEqual(store.markUnfinishedRunsInterrupted(NOW + 1000), [running.id, waiting.id]);
  const run = store.getRun(running.id);
  assert.equal(run?.state, 'interrupted');
  assert.equal(run?.currentStep, 1);
  assert.equal(run?.endedAt, NOW + 1000);
  assert.match(run?.summary ?? '', /interrupted at step 2/);
  assert.deepEqual(run?.attempts.map((a) => a.state), ['passed', 'interrupted']);
  assert.equal(run?.attempts[1].endedAt, NOW + 1000);
  assert.equal(store.getRun(waiting.id)?.state, 'interrupted');
  assert.equal(store.getRun(waiting.id)?.wait, null);
  assert.equal(store.getRun(ended.id)?.state, 'succeeded');
  assert.deepEqual(store.markUnfinishedRunsInterrupted(NOW + 2000), []);
  store.close();
});

test('the stored output excerpt is capped at 64 KiB (head and tail) and says it was cut', () => {
  const { store } = openStore();
  const run = store.createRun(newRun('big'));
  const huge = 'h'.repeat(100_000) + 'TAIL';
  store.addAttempt(run.id, attempt(1, 0, { state: 'passed', output: 'HEAD' + huge, outputBytes: 104 + 100_000 }));
  const stored = store.getRun(run.id)?.attempts[0];
  assert.ok(stored);
  assert.ok(Buffer.byteLength(stored.output) <= MAX_STORED_OUTPUT_BYTES);
  assert.ok(stored.output.startsWith('HEAD') && stored.output.endsWith('TAIL'));
  assert.match(stored.output, /bytes not kept/);
  assert.equal(stored.outputTruncated, true);
  store.close();
});

test('retention deletes runs that ended before eventDays with their attempts, never unfinished ones', () => {
  const { store } = openStore();
  const old = store.createRun(newRun('old', { startedAt: NOW - 200 * DAY }));
  store.addAttempt(old.id, attempt(1, 0, { state: 'passed' }));
  store.updateRun(old.id, { mode: 'auto', state: 'failed', currentStep: 0, wait: null, summary: 'x', suggestedRunbook: null, notes: '', endedAt: NOW - 200 * DAY });
  const stuck = store.createRun(newRun('stuck', { startedAt: NOW - 200 * DAY, state: 'waiting' }));
  const recent = store.createRun(newRun('recent', { startedAt: NOW - DAY }));
  store.updateRun(recent.id, { mode: 'auto', state: 'succeeded', currentStep: 2, wait: null, summary: 'ok', suggestedRunbook: null, notes: '', endedAt: NOW - DAY });
  const { deletedRows } = store.runRetention(RETENTION_DEFAULTS, NOW);
  assert.equal(deletedRows, 1);
  assert.equal(store.getRun(old.id), undefined);
  assert.deepEqual(store.listRuns({ limit: 10 }).map((r) => r.id), [recent.id, stuck.id]);
  store.close();
});

test('audit entries for runs go to the audit table', () => {
  const { store } = openStore();
  store.addAudit({ at: NOW, actor: 'operator', action: 'runbook.start', target: 'docker-answers#1', outcome: 'confirmed', details: { mode: 'auto' } });
  assert.deepEqual(store.listAudit(1).map((e) => [e.action, e.target]), [['runbook.start', 'docker-answers#1']]);
  store.close();
});

test('a run driven by another live process (the CLI beside the app) is not declared interrupted; a dead owner\'s run is', () => {
  const file = join(tempDir(), 'opsbar.db');
  const cli = new Database(file);
  migrate(cli, file);
  const otherAlive = 4_000_001;
  const otherDead = 4_000_002;
  const insert = cli.prepare(
    `INSERT INTO runbook_runs(runbook_id, runbook_title, hash, trigger, started_by, mode, state, step_count, started_at, owner_pid)
     VALUES ('daily-health-check', 'Daily', 'h', 'cli', 'cli', 'auto', 'running', 3, 1, ?)`,
  );
  const alive = Number(insert.run(otherAlive).lastInsertRowid);
  const dead = Number(insert.run(otherDead).lastInsertRowid);
  const legacy = Number(insert.run(null).lastInsertRowid);
  const log = new RunbookRunLog(cli, process.pid, (pid) => pid === otherAlive);
  assert.deepEqual(log.markUnfinishedInterrupted(5), [dead, legacy]);
  assert.equal(log.get(alive)?.state, 'running');
  cli.close();
});

test('processIsAlive: this process is, an unused pid is not', () => {
  assert.equal(processIsAlive(process.pid), true);
  assert.equal(processIsAlive(2 ** 22 + 12345), false);
});

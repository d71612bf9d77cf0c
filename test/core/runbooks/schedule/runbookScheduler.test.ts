import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { silentLogger } from '../../../../electron/core/logger';
import { ScheduleStateFile } from '../../../../electron/core/runbooks/schedule/scheduleStateFile';
import { TestClock } from '../../../support/testClock';
import { tempDir } from '../../../support/tempDir';
import { harness, startTimes, utc } from './schedulerFakes';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('runs on time', () => {
  test('"0 8,18 * * *" starts at 08:00 and 18:00, and at no other minute', async () => {
    const h = harness({ at: '2024-01-08T07:58:30', runbooks: { 'daily-health-check': '0 8,18 * * *' } });
    h.runs.endWith = 'succeeded';
    h.scheduler.start();
    await h.clock.advance(24 * HOUR + 2 * MINUTE);
    assert.deepEqual(startTimes(h.runs), ['2024-01-08T08:00', '2024-01-08T18:00', '2024-01-09T08:00']);
    assert.deepEqual(
      h.runs.started.map(({ runbookId, hash, trigger, startedBy, mode, params }) => ({ runbookId, hash, trigger, startedBy, mode, params })),
      Array(3).fill({ runbookId: 'daily-health-check', hash: 'hash-daily-health-check', trigger: 'schedule', startedBy: 'schedule 0 8,18 * * *', mode: 'auto', params: {} }),
    );
    assert.equal(h.finished.length, 3);
    assert.deepEqual(h.missed, []);
    h.scheduler.stop();
    assert.equal(h.clock.pendingTimers, 0);
  });

  test('every cron of a runbook\'s front-matter list runs; the library is re-read before a start', async () => {
    const h = harness({ at: '2024-01-08T05:59:00', runbooks: { backups: '0 6 * * *; 30 6 * * *', idle: null } });
    h.runs.endWith = 'succeeded';
    h.scheduler.start();
    await h.clock.advance(HOUR);
    assert.deepEqual(startTimes(h.runs), ['2024-01-08T06:00', '2024-01-08T06:30']);
    assert.equal(h.catalog.refreshes, 2);
  });

  test('a run that ends failed, or waits for an operator, reaches onFinished', async () => {
    const h = harness({ at: '2024-01-08T07:59:00', runbooks: { 'daily-health-check': '0 8 * * *', deploy: '0 8 * * *' } });
    h.scheduler.start();
    await h.clock.advance(MINUTE);
    assert.equal(h.runs.started.length, 2);
    h.runs.end(1, 'failed');
    h.runs.end(2, 'waiting');
    await h.clock.advance(0);
    assert.deepEqual(
      h.finished.map((f) => [f.job.runbookId, f.run.state]),
      [
        ['daily-health-check', 'failed'],
        ['deploy', 'waiting'],
      ],
    );
    assert.deepEqual(h.finished[0].job, { runbookId: 'daily-health-check', cron: '0 8 * * *', source: 'runbook' });
  });

  test('a run still going when the next is due is skipped and reported with the run that holds it', async () => {
    const h = harness({ at: '2024-01-08T07:59:00', runbooks: { 'pull-models': '*/5 * * * *' } });
    h.scheduler.start();
    await h.clock.advance(11 * MINUTE);
    assert.deepEqual(startTimes(h.runs), ['2024-01-08T08:00']);
    assert.equal(h.skipped.length, 2);
    assert.equal(h.skipped[0].activeRun.id, 1);
    assert.equal(h.skipped[0].scheduledFor, utc('2024-01-08T08:05'));
    assert.match(h.skipped[0].message, /pull-models: the run scheduled for 2024-01-08 08:05 was skipped: previous run #1 still running since 2024-01-08 08:00/);
    h.runs.end(1, 'waiting');
    await h.clock.advance(5 * MINUTE);
    assert.match(h.skipped[2].message, /previous run #1 waiting for an operator since/);
    h.runs.end(1, 'succeeded');
    await h.clock.advance(5 * MINUTE);
    assert.deepEqual(startTimes(h.runs), ['2024-01-08T08:00', '2024-01-08T08:20']);
  });

  test('a start the runner refuses is reported with its message, and the scheduler goes on', async () => {
    const h = harness({ at: '2024-01-08T07:59:00', runbooks: { 'daily-health-check': '0 * * * *' } });
    h.runs.refuse = 'daily-health-check changed on disk since it was shown';
    h.scheduler.start();
    await h.clock.advance(MINUTE);
    assert.equal(h.failed.length, 1);
    assert.equal(h.failed[0].message, 'daily-health-check changed on disk since it was shown');
    assert.equal(h.failed[0].scheduledFor, utc('2024-01-08T08:00'));
    h.runs.refuse = null;
    h.runs.endWith = 'succeeded';
    await h.clock.advance(HOUR);
    assert.deepEqual(startTimes(h.runs), ['2024-01-08T09:00']);
  });

  test('a runbook gone from the library when due is a failed start, not a crash', async () => {
    const h = harness({ at: '2024-01-08T07:59:00', runbooks: { 'daily-health-check': '0 8 * * *' } });
    h.scheduler.start();
    h.catalog.remove('daily-health-check');
    await h.clock.advance(MINUTE);
    assert.equal(h.runs.started.length, 0);
    assert.match(h.failed[0].message, /no longer in the library/);
  });

  test('a listener that throws does not stop the scheduler', async () => {
    const h = harness({ at: '2024-01-08T07:59:00', runbooks: { 'pull-models': '* * * * *' } });
    h.scheduler.start();
    let calls = 0;
    (h.scheduler as unknown as { options: { onSkipped: () => void } }).options.onSkipped = () => {
      calls++;
      throw new Error('listener bug');
    };
    await h.clock.advance(3 * MINUTE);
    assert.equal(calls, 2);
    assert.equal(h.clock.pendingTimers, 1);
  });
});

describe('missed runs', () => {
  test('after a sleep, the runs due meanwhile are reported once per job, and the latest is caught up when recent', async () => {
    const h = harness({
      at: '2024-01-08T07:50:00',
      runbooks: { 'daily-health-check': '0 8 * * *', 'pull-models': '0 7,8,9 * * *', hourly: '30 * * * *' },
    });
    h.runs.endWith = 'succeeded';
    h.scheduler.start();
    h.clock.jump(99 * MINUTE + 10_000); // 09:29:10: the 07:51 timer fires late
    await h.clock.advance(0);
    assert.deepEqual(
      h.missed.map((m) => [m.job.runbookId, m.count, m.outcome]),
      [
        ['daily-health-check', 1, 'caught-up'],
        ['pull-models', 2, 'caught-up'],
        ['hourly', 1, 'caught-up'],
      ],
    );
    assert.equal(
      h.missed[1].message,
      'pull-models: 2 scheduled runs missed between 2024-01-08 08:00 and 2024-01-08 09:00 (machine asleep or Opsbar not running); running it now.',
    );
    assert.equal(h.missed[0].message, 'daily-health-check: 1 scheduled run missed at 2024-01-08 08:00 (machine asleep or Opsbar not running); running it now.');
    assert.deepEqual(
      h.runs.started.map((s) => s.runbookId),
      ['daily-health-check', 'pull-models', 'hourly'],
    );
    // Back on the minute timer: 09:30 runs as usual, and nothing is reported again.
    await h.clock.advance(2 * MINUTE);
    assert.equal(h.missed.length, 3);
    assert.deepEqual(startTimes(h.runs).slice(3), ['2024-01-08T09:30']);
  });

  test('missed runs older than the catch-up time are reported, not run', async () => {
    const h = harness({ at: '2024-01-08T07:50:00', runbooks: { 'daily-health-check': '0 8 * * *' }, settings: { catchUpMinutes: 60 } });
    h.scheduler.start();
    h.clock.jump(2 * HOUR);
    await h.clock.advance(0);
    assert.equal(h.missed.length, 1);
    assert.equal(h.missed[0].outcome, 'too-old');
    assert.match(h.missed[0].message, /not run now \(the last was more than 60 min ago\)/);
    assert.equal(h.runs.started.length, 0);
  });

  test('a sleep of days collapses into one report per job; a gap over a week says "at least"', async () => {
    const h = harness({ at: '2024-01-08T07:50:00', runbooks: { 'daily-health-check': '0 8,18 * * *' } });
    h.scheduler.start();
    h.clock.jump(3 * 24 * HOUR);
    await h.clock.advance(0);
    assert.equal(h.missed.length, 1);
    assert.equal(h.missed[0].count, 6);
    assert.equal(h.missed[0].atLeast, false);
    assert.equal(h.missed[0].first, utc('2024-01-08T08:00'));
    assert.equal(h.missed[0].last, utc('2024-01-10T18:00'));
    assert.equal(h.missed[0].outcome, 'too-old');

    h.clock.jump(10 * 24 * HOUR);
    await h.clock.advance(MINUTE);
    assert.equal(h.missed.length, 2);
    assert.equal(h.missed[1].atLeast, true);
    assert.equal(h.missed[1].count, 14);
    assert.match(h.missed[1].message, /^daily-health-check: at least 14 scheduled runs missed between/);
  });

  test('a job also due in the minute of waking runs once, as due', async () => {
    const h = harness({ at: '2024-01-08T07:50:00', runbooks: { 'pull-models': '*/10 * * * *' } });
    h.runs.endWith = 'succeeded';
    h.scheduler.start();
    h.clock.jump(50 * MINUTE + 5_000); // 08:40:05
    await h.clock.advance(0);
    assert.equal(h.missed[0].outcome, 'due-now');
    assert.equal(h.missed[0].count, 4);
    assert.deepEqual(startTimes(h.runs), ['2024-01-08T08:40']);
  });

  test('a tick a little late (under 90 s) is not a sleep: the runs it passed start', async () => {
    const h = harness({ at: '2024-01-08T07:59:30', runbooks: { 'daily-health-check': '0 8 * * *' } });
    h.runs.endWith = 'succeeded';
    h.scheduler.start();
    h.clock.jump(80_000); // 08:00:50, the 08:00 timer not yet fired
    await h.clock.advance(0);
    assert.deepEqual(h.missed, []);
    assert.equal(h.runs.started.length, 1);
  });

  test('runs missed while Opsbar was not running are found from the state file at the next start', async () => {
    const path = join(tempDir('opsbar-schedule-'), 'schedule-state.json');
    const first = harness({
      at: '2024-01-08T06:00:00',
      runbooks: { 'daily-health-check': '0 8 * * *' },
      state: new ScheduleStateFile(path, silentLogger),
    });
    first.scheduler.start();
    await first.clock.advance(30 * MINUTE + 20_000);
    first.scheduler.stop();
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { lastCheckedMinute: utc('2024-01-08T06:30') });

    const later = harness({
      at: '2024-01-08T09:15:00',
      runbooks: { 'daily-health-check': '0 8 * * *' },
      state: new ScheduleStateFile(path, silentLogger),
    });
    later.scheduler.start();
    await later.clock.advance(0);
    assert.equal(later.missed.length, 1);
    assert.equal(later.missed[0].outcome, 'caught-up');
    assert.equal(later.runs.started.length, 1);
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { lastCheckedMinute: utc('2024-01-08T09:15') });
  });

  test('a first start (no saved minute) reports nothing missed', async () => {
    const h = harness({ at: '2024-01-08T09:15:00', runbooks: { 'daily-health-check': '0 8 * * *' } });
    h.scheduler.start();
    await h.clock.advance(MINUTE);
    assert.deepEqual(h.missed, []);
    assert.equal(h.runs.started.length, 0);
  });

  test('a damaged state file is ignored', () => {
    const dir = tempDir('opsbar-schedule-');
    const state = new ScheduleStateFile(join(dir, 'nested', 'schedule-state.json'), silentLogger);
    assert.equal(state.lastChecked(), null);
    state.setLastChecked(utc('2024-01-08T09:15'));
    assert.equal(new ScheduleStateFile(join(dir, 'nested', 'schedule-state.json'), silentLogger).lastChecked(), utc('2024-01-08T09:15'));
  });
});

describe('jobs from settings', () => {
  test('disabled front-matter schedules do not run; config schedules run with their params', async () => {
    const h = harness({
      at: '2024-01-08T07:59:00',
      runbooks: { 'daily-health-check': '0 8 * * *', 'prune-images': null },
      settings: {
        disabled: ['daily-health-check'],
        schedules: [
          { runbook: 'prune-images', cron: '0 8 * * *', params: { KEEP: '3' } },
          { runbook: 'daily-health-check', cron: '0 9 * * *' },
        ],
      },
    });
    h.runs.endWith = 'succeeded';
    h.scheduler.start();
    await h.clock.advance(HOUR + MINUTE);
    assert.deepEqual(
      h.runs.started.map((s) => [s.runbookId, new Date(s.at).toISOString().slice(11, 16), s.params]),
      [
        ['prune-images', '08:00', { KEEP: '3' }],
        ['daily-health-check', '09:00', {}],
      ],
    );
    assert.deepEqual(
      h.scheduler.view().schedules.map((s) => [s.runbookId, s.cron, s.source]),
      [
        ['prune-images', '0 8 * * *', 'config'],
        ['daily-health-check', '0 9 * * *', 'config'],
      ],
    );
  });

  test('scheduling off starts nothing; reload() picks the change up', async () => {
    const h = harness({ at: '2024-01-08T07:59:00', runbooks: { 'daily-health-check': '0 * * * *' }, settings: { scheduling: false } });
    h.runs.endWith = 'succeeded';
    h.scheduler.start();
    await h.clock.advance(MINUTE);
    assert.equal(h.runs.started.length, 0);
    h.settings.scheduling = true;
    h.scheduler.reload();
    await h.clock.advance(HOUR);
    assert.deepEqual(startTimes(h.runs), ['2024-01-08T09:00']);
  });

  test('an invalid config cron or unknown runbook is reported once and left out; the rest still run', async () => {
    const h = harness({
      at: '2024-01-08T07:59:00',
      runbooks: { 'daily-health-check': '0 8 * * *', broken: null },
      settings: {
        schedules: [
          { runbook: 'daily-health-check', cron: '61 8 * * *' },
          { runbook: 'no-such-runbook', cron: '0 8 * * *' },
          { runbook: 'has-errors', cron: '0 8 * * *' },
        ],
        maintenanceWindow: { cron: '0 2 * * 9', minutes: 60, silenceNonCritical: true },
      },
    });
    h.catalog.invalid = [{ file: '/runbooks/has-errors.md', origin: 'user', id: 'has-errors', problems: [] }];
    h.runs.endWith = 'succeeded';
    h.scheduler.start();
    h.scheduler.reload();
    assert.equal(h.problems.length, 4);
    assert.match(h.problems[0], /^runbooks\.schedules\[0\] \(daily-health-check\): "61 8 \* \* \*" is not a valid cron expression/);
    assert.equal(h.problems[1], 'runbooks.schedules[1] (no-such-runbook): no runbook has this id; not scheduled.');
    assert.equal(h.problems[2], 'runbooks.schedules[2] (has-errors): its file has errors; not scheduled.');
    assert.match(h.problems[3], /^runbooks\.maintenanceWindow\.cron: "0 2 \* \* 9" is not a valid cron expression/);
    assert.deepEqual(h.scheduler.problems(), h.problems);
    assert.equal(h.scheduler.isMaintenanceActive(), false);
    await h.clock.advance(MINUTE);
    assert.deepEqual(startTimes(h.runs), ['2024-01-08T08:00']);
  });
});

describe('view', () => {
  test('each schedule with its next run and its last scheduled run', async () => {
    const h = harness({ at: '2024-01-08T07:59:00', runbooks: { 'daily-health-check': '0 8,18 * * *', weekly: '0 3 * * 0' } });
    h.runs.endWith = 'failed';
    h.scheduler.start();
    const before = h.scheduler.view();
    assert.deepEqual(
      before.schedules.map((s) => [s.runbookId, s.nextRunAt, s.lastRun]),
      [
        ['daily-health-check', utc('2024-01-08T08:00'), null],
        ['weekly', utc('2024-01-14T03:00'), null],
      ],
    );
    await h.clock.advance(2 * MINUTE);
    const after = h.scheduler.view();
    assert.equal(after.schedules[0].nextRunAt, utc('2024-01-08T18:00'));
    assert.equal(after.schedules[0].lastRun?.id, 1);
    assert.equal(after.schedules[0].lastRun?.state, 'failed');
    assert.equal(after.maintenance.nextStartAt, utc('2024-01-14T02:00'));
    assert.equal(after.maintenance.active, false);
  });

  test('isMaintenanceActive follows the clock (Sunday 02:00 to 04:59 by default)', async () => {
    const clock = new TestClock(utc('2024-01-07T01:59:00'));
    const h = harness({ at: '', clock, runbooks: {} });
    h.scheduler.start();
    assert.equal(h.scheduler.isMaintenanceActive(), false);
    await clock.advance(MINUTE);
    assert.equal(h.scheduler.isMaintenanceActive(), true);
    assert.equal(h.scheduler.view().maintenance.until, utc('2024-01-07T05:00'));
    await clock.advance(3 * HOUR - 1);
    assert.equal(h.scheduler.isMaintenanceActive(), true);
    await clock.advance(1);
    assert.equal(h.scheduler.isMaintenanceActive(), false);
  });
});

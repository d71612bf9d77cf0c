import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getTasks } from 'node-cron';
import { compileCron, matchesBetween, nextMatch, previousMatch } from '../../../../electron/core/runbooks/schedule/cronMatcher';
import { cpuMillis } from '../../../support/cpuTime';

const utc = (text: string): number => Date.parse(`${text}Z`);
const DAY = 24 * 60 * 60_000;

test('matches whole minutes in the given time zone', () => {
  const cron = compileCron('0 8,18 * * 1-5', 'UTC');
  assert.equal(cron.matches(utc('2024-01-08T08:00')), true);
  assert.equal(cron.matches(utc('2024-01-08T08:01')), false);
  assert.equal(cron.matches(utc('2024-01-07T08:00')), false); // Sunday
  assert.deepEqual(matchesBetween(cron, utc('2024-01-08T00:00'), utc('2024-01-09T00:00')), [utc('2024-01-08T08:00'), utc('2024-01-08T18:00')]);
  const tokyo = compileCron('0 8 * * *', 'Asia/Tokyo');
  assert.equal(tokyo.matches(utc('2024-01-07T23:00')), true);
});

test('a seconds field picks the minute; node-cron specials (L, names) work', () => {
  assert.equal(compileCron('30 0 8 * * *', 'UTC').matches(utc('2024-01-08T08:00')), true);
  assert.equal(compileCron('0 3 L * *', 'UTC').matches(utc('2024-02-29T03:00')), true);
  assert.equal(compileCron('0 3 * * sun', 'UTC').matches(utc('2024-01-07T03:00')), true);
});

test('next and previous matches, within a limit', () => {
  const weekly = compileCron('0 2 * * 0', 'UTC');
  assert.equal(nextMatch(weekly, utc('2024-01-07T02:00'), 8 * DAY), utc('2024-01-14T02:00'));
  assert.equal(nextMatch(weekly, utc('2024-01-07T02:00'), 6 * DAY), null);
  assert.equal(previousMatch(weekly, utc('2024-01-07T02:30'), 60 * 60_000), utc('2024-01-07T02:00'));
  assert.equal(previousMatch(weekly, utc('2024-01-07T03:30'), 60 * 60_000), null);
});

test('invalid expressions and time zones throw in node-cron\'s words; node-cron keeps no task', () => {
  const before = getTasks().size;
  assert.throws(() => compileCron('61 * * * *', 'UTC'), /61/);
  assert.throws(() => compileCron('* * * *', 'UTC'));
  assert.throws(() => compileCron('0 8 * * *', 'Mars/Olympus'));
  for (let i = 0; i < 5; i++) compileCron('0 8 * * *');
  assert.equal(getTasks().size, before);
});

test('a week of minutes is quick to scan', () => {
  const cron = compileCron('0 2 1 * *', 'UTC');
  const { value: matches, ms } = cpuMillis(() => matchesBetween(cron, utc('2024-01-02T00:00'), utc('2024-01-09T00:00')));
  assert.equal(matches.length, 0);
  assert.ok(ms < 200, `${ms.toFixed(1)} ms of CPU`);
});

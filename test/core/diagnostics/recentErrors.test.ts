import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordingLogger, RECENT_ERROR_MAX_CHARS, RECENT_ERRORS_LIMIT } from '../../../electron/core/diagnostics/recentErrors';
import { TestClock } from '../../support/testClock';

function inner() {
  const seen: string[] = [];
  return { seen, log: { info: (m: string) => void seen.push(`info ${m}`), warn: (m: string) => void seen.push(`warn ${m}`), error: (m: string) => void seen.push(`error ${m}`) } };
}

test('warnings and errors are kept newest first, with their time; info is not; the inner logger hears everything', async () => {
  const clock = new TestClock(1_000);
  const target = inner();
  const recording = recordingLogger(target.log, () => clock.now());
  recording.log.info('started');
  recording.log.warn('disk slow');
  await clock.advance(5);
  recording.log.error('engine gone');
  assert.deepEqual(recording.recent(), [
    { at: 1_005, level: 'error', message: 'engine gone' },
    { at: 1_000, level: 'warn', message: 'disk slow' },
  ]);
  assert.deepEqual(target.seen, ['info started', 'warn disk slow', 'error engine gone']);
});

test('a ring of the last 200; each message cut at 2 KiB', () => {
  const recording = recordingLogger(inner().log, () => 0);
  for (let i = 0; i < RECENT_ERRORS_LIMIT + 50; i++) recording.log.warn(`w${i}`);
  const recent = recording.recent();
  assert.equal(recent.length, RECENT_ERRORS_LIMIT);
  assert.equal(recent[0].message, `w${RECENT_ERRORS_LIMIT + 49}`);
  assert.equal(recent.at(-1)?.message, 'w50');
  recording.log.error('x'.repeat(10_000));
  assert.equal(recording.recent()[0].message.length, RECENT_ERROR_MAX_CHARS);
});

test('secrets in a logged message are removed before it is kept', () => {
  const recording = recordingLogger(inner().log, () => 0);
  recording.log.error('POST https://hooks.slack.com/services/T0/B0/SLACKSECRET failed: 404');
  recording.log.warn('GET https://bob:PASSWORD1@api.example.org/x?token=TOKEN1&page=2 timed out');
  recording.log.warn('probe refused: Authorization: Bearer BEARERSECRET99');
  const text = JSON.stringify(recording.recent());
  assert.doesNotMatch(text, /SLACKSECRET|PASSWORD1|TOKEN1|BEARERSECRET99/);
  assert.match(text, /hooks\.slack\.com/);
  assert.match(text, /page=2/);
});

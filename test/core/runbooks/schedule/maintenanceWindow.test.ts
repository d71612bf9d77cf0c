import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maintenanceWindow } from '../../../../electron/core/runbooks/schedule/maintenanceWindow';

const utc = (text: string): number => Date.parse(`${text}Z`);
const window = (at: string) => maintenanceWindow('0 2 * * 0', 180, utc(at), 'UTC');

// 2024-01-07 and 2024-01-14 are Sundays.
test('open from Sunday 02:00 through 04:59, ending at 05:00', () => {
  for (const at of ['2024-01-07T02:00:00', '2024-01-07T03:30:00', '2024-01-07T04:59:59']) {
    assert.deepEqual(window(at), {
      active: true,
      until: utc('2024-01-07T05:00'),
      nextStartAt: utc('2024-01-14T02:00'),
      cron: '0 2 * * 0',
      minutes: 180,
    });
  }
});

test('closed at 05:00, and until then points at the next start', () => {
  assert.deepEqual(window('2024-01-07T05:00:00'), {
    active: false,
    until: utc('2024-01-14T02:00'),
    nextStartAt: utc('2024-01-14T02:00'),
    cron: '0 2 * * 0',
    minutes: 180,
  });
  const before = window('2024-01-07T01:59:59');
  assert.equal(before.active, false);
  assert.equal(before.nextStartAt, utc('2024-01-07T02:00'));
  assert.equal(window('2024-01-10T12:00:00').nextStartAt, utc('2024-01-14T02:00'));
});

test('a monthly window is found; windows that overlap end with the last one', () => {
  assert.equal(maintenanceWindow('0 1 1 * *', 60, utc('2024-01-02T00:00:00'), 'UTC').nextStartAt, utc('2024-02-01T01:00'));
  const hourly = maintenanceWindow('0 * * * *', 90, utc('2024-01-02T10:45:00'), 'UTC');
  assert.equal(hourly.active, true);
  assert.equal(hourly.until, utc('2024-01-02T11:30'));
});

test('a time zone moves the window', () => {
  // 02:00 in Berlin (UTC+1 in January) is 01:00 UTC.
  const berlin = maintenanceWindow('0 2 * * 0', 180, utc('2024-01-07T01:30:00'), 'Europe/Berlin');
  assert.equal(berlin.active, true);
  assert.equal(berlin.until, utc('2024-01-07T04:00'));
});

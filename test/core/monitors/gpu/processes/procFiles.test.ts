import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLK_TCK, parseBootTime, parseStatStartTicks, parseStatusUid, readSmallFile, startedAtMs } from '../../../../../electron/core/monitors/gpu/processes/procFiles';
import { parsePasswd, createUserNames } from '../../../../../electron/core/monitors/gpu/processes/userNames';
import { ManualClock } from '../../../../support/manualClock';

// A /proc/<pid>/stat line captured on this host, and the same with a hostile comm.
const STAT = '10544 (sleep) S 10523 10544 10544 0 -1 4194560 991 0 1 0 1 2 0 0 20 0 1 0 37864 2322432 316 18446744073709551615 4198400 5785993 140734526307520 0 0 0 0 0 0 1 0 0 17 0 0 0 0 0 0 6141704 6178576 253972480 140734526308229 140734526308238 140734526308238 140734526308333 0';

test('parseStatStartTicks reads field 22, counting from the LAST ")" (comm may hold spaces and parentheses)', () => {
  assert.equal(parseStatStartTicks(STAT), 37864);
  assert.equal(parseStatStartTicks(STAT.replace('(sleep)', '(my (evil) ) 1 2 3 name)')), 37864);
  assert.equal(parseStatStartTicks('garbage'), null);
  assert.equal(parseStatStartTicks('1 (x) S 1 2'), null);
});

test('parseStatusUid takes the real uid; parseBootTime reads btime; start time in ms with CLK_TCK 100', () => {
  assert.equal(parseStatusUid('Name:\tpython\nUmask:\t0022\nUid:\t1000\t0\t0\t0\nGid:\t1000\t1000\t1000\t1000\n'), 1000);
  assert.equal(parseStatusUid('Name:\tx\n'), null);
  assert.equal(parseBootTime('cpu  1 2 3 4\nintr 5\nctxt 6\nbtime 1700000000\nprocesses 7\n'), 1700000000);
  assert.equal(CLK_TCK, 100);
  assert.equal(startedAtMs(37864, 1700000000), 1700000000_000 + 378_640);
});

test('this process: real /proc gives our uid and a start time that matches process.uptime()', () => {
  const stat = readSmallFile(`/proc/${process.pid}/stat`);
  const btime = parseBootTime(readSmallFile('/proc/stat', 256 * 1024) ?? '');
  assert.ok(stat && btime);
  const started = startedAtMs(parseStatStartTicks(stat) ?? NaN, btime);
  const expected = Date.now() - process.uptime() * 1000;
  // btime is whole seconds and the tick 10 ms: a second or so of slack.
  assert.ok(Math.abs(started - expected) < 2_000, `${started} vs ${expected}`);
  assert.equal(parseStatusUid(readSmallFile(`/proc/${process.pid}/status`) ?? ''), process.getuid?.());
});

test('readSmallFile is bounded and says null for a file that is not there', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsbar-proc-'));
  try {
    writeFileSync(join(dir, 'big'), 'x'.repeat(200_000));
    assert.equal(readSmallFile(join(dir, 'big'), 1000)?.length, 1000);
    assert.equal(readSmallFile(join(dir, 'missing')), null);
    assert.equal(readSmallFile(dir), null, 'a folder is not a file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('user names: from the passwd file (first entry wins), cached, the uid as text when unknown', () => {
  assert.deepEqual([...parsePasswd('root:x:0:0:root:/root:/bin/bash\n# comment\nbad line\nalice:x:1000:1000::/home/alice:/bin/sh\nalias:x:1000:1000::/:/bin/sh\n')], [
    [0, 'root'],
    [1000, 'alice'],
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'opsbar-passwd-'));
  try {
    const path = join(dir, 'passwd');
    writeFileSync(path, 'root:x:0:0::/root:/bin/sh\n');
    const clock = new ManualClock();
    const users = createUserNames(path, clock, 60_000);
    assert.equal(users.nameOf(0), 'root');
    assert.equal(users.nameOf(1000), '1000');
    writeFileSync(path, 'root:x:0:0::/root:/bin/sh\nbob:x:1000:1000::/:/bin/sh\n');
    assert.equal(users.nameOf(1000), '1000', 'cached');
    void clock.advance(60_001);
    assert.equal(users.nameOf(1000), 'bob', 'read again after the ttl');
    assert.equal(createUserNames(join(dir, 'missing'), clock).nameOf(0), '0');
    assert.ok(readFileSync(path, 'utf8').includes('bob'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

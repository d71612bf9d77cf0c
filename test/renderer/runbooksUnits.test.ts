import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronInWords } from '../../renderer/src/runbooks/cronWords';
import { searchRunbooks, groupByCategory } from '../../renderer/src/runbooks/librarySearch';
import { appendOutput, bytesNotShown, EMPTY_OUTPUT, HEAD_CHARS, TAIL_CHARS } from '../../renderer/src/runbooks/outputBuffer';
import { laterRun } from '../../renderer/src/runbooks/runProgress';
import { attempt, chunk, library, run } from './runbookFixtures';

describe('cron in words', () => {
  it('reads simple expressions and leaves the rest as written', () => {
    assert.equal(cronInWords('0 8 * * *'), 'daily at 08:00');
    assert.equal(cronInWords('0 0 8 * * *'), 'daily at 08:00');
    assert.equal(cronInWords('0 8,18 * * *'), 'daily at 08:00 and 18:00');
    assert.equal(cronInWords('30 6,12,18 * * 1-5'), 'weekdays at 06:30, 12:30 and 18:30');
    assert.equal(cronInWords('30 2 * * 1-5'), 'weekdays at 02:30');
    assert.equal(cronInWords('0 3 * * 0'), 'every Sunday at 03:00');
    assert.equal(cronInWords('*/15 * * * *'), 'every 15 minutes');
    assert.equal(cronInWords('5 * * * *'), 'hourly at :05');
    assert.equal(cronInWords('0 */6 * * *'), 'every 6 hours at :00');
    assert.equal(cronInWords('0 4 1 * *'), 'monthly on day 1 at 04:00');
    assert.equal(cronInWords('5 4 1-7 * 0'), '5 4 1-7 * 0');
    assert.equal(cronInWords('*/10 8 * * *'), '*/10 8 * * *');
    assert.equal(cronInWords('0 8 * 1 *'), '0 8 * 1 *');
  });
});

describe('library search', () => {
  it('matches every word in title, id, description or triggers, in category order', () => {
    const all = library().runbooks;
    assert.deepEqual(searchRunbooks(all, 'DISK free').map((r) => r.id), ['disk-full']);
    assert.deepEqual(searchRunbooks(all, '').length, 4);
    assert.deepEqual(groupByCategory(all).map(([c]) => c), ['daily', 'incident', 'emergency', 'maintenance']);
  });
});

describe('live output buffer', () => {
  it('keeps head and tail, strips colour codes, and counts what is not shown', () => {
    let buffer = appendOutput(EMPTY_OUTPUT, chunk({ text: 'a'.repeat(HEAD_CHARS + 10) }));
    assert.equal(buffer.head.length, HEAD_CHARS);
    assert.equal(buffer.tail.length, 10);
    buffer = appendOutput(buffer, chunk({ text: 'b'.repeat(TAIL_CHARS), totalBytes: HEAD_CHARS + 10 + TAIL_CHARS }));
    assert.equal(buffer.tail, 'b'.repeat(TAIL_CHARS));
    assert.equal(bytesNotShown(buffer), 10);
    const coloured = appendOutput(EMPTY_OUTPUT, chunk({ text: '\u001b[31mred\u001b[0m' }));
    assert.equal(coloured.head, 'red');
    assert.equal(bytesNotShown(coloured), 0);
  });

  it('puts the gap first when the page joined a running step late', () => {
    const late = appendOutput(EMPTY_OUTPUT, chunk({ text: 'tail end', totalBytes: 5_008 }));
    assert.equal(late.head, '');
    assert.equal(late.tail, 'tail end');
    assert.equal(bytesNotShown(late), 5_000);
  });
});

describe('which run is newer', () => {
  it('keeps the run that moved further', () => {
    const older = run({ state: 'waiting' });
    const newer = run({ state: 'running', attempts: [attempt({ stepIndex: 0, endedAt: null })] });
    assert.equal(laterRun(newer, older), newer);
    assert.equal(laterRun(older, newer), newer);
    assert.equal(laterRun(undefined, older), older);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BATCH_INTERVAL_MS, BATCH_MAX_BYTES, BATCH_MAX_LINES, createLogBatcher, PENDING_MAX_LINES, type LogBatch } from '../../../electron/core/logs/logBatcher';
import type { RawLogLine } from '../../../electron/core/logs/logLines';
import { TestClock } from '../../support/testClock';

const raw = (text: string): RawLogLine => ({ stream: 'stdout', at: 1, atNs: 1n, text, cut: false, bytes: text.length });

function batcher() {
  const clock = new TestClock();
  const sent: LogBatch[] = [];
  let seq = 0;
  return { clock, sent, b: createLogBatcher(clock, () => ++seq, (batch) => sent.push(batch)) };
}

test('lines wait for the next batch; at most 200 lines a batch, every 200 ms; the queue is bounded and the rest counted', async () => {
  const { clock, sent, b } = batcher();
  for (let i = 1; i <= 1_500; i++) b.add(raw(`line ${i}`));
  assert.equal(b.bufferedLines, PENDING_MAX_LINES);
  assert.equal(b.full, true);
  b.countDropped();
  assert.equal(b.droppedTotal, 501);
  assert.equal(sent.length, 0);
  await clock.advance(BATCH_INTERVAL_MS);
  assert.equal(sent.length, 1);
  assert.equal(sent[0].lines.length, BATCH_MAX_LINES);
  assert.equal(sent[0].dropped, 501);
  assert.deepEqual([sent[0].lines[0].seq, sent[0].lines[0].text], [1, 'line 1']);
  await clock.advance(4 * BATCH_INTERVAL_MS);
  assert.equal(sent.length, 5);
  assert.equal(b.bufferedLines, 0);
  assert.ok(sent.slice(1).every((batch) => batch.dropped === 0 && batch.lines.length === BATCH_MAX_LINES));
  await clock.advance(10 * BATCH_INTERVAL_MS);
  assert.equal(sent.length, 5, 'nothing is sent when nothing waits');
  assert.equal(clock.pendingTimers, 0);
});

test('a batch stays within its byte cap; finish sends what it can and counts the rest', async () => {
  const { clock, sent, b } = batcher();
  const long = 'x'.repeat(8 * 1024);
  for (let i = 0; i < 20; i++) b.add(raw(long));
  await clock.advance(BATCH_INTERVAL_MS);
  assert.ok(sent[0].lines.length < 20 && sent[0].lines.length * long.length <= BATCH_MAX_BYTES);
  const last = b.finish();
  assert.ok(last.lines.length > 0);
  assert.equal(sent[0].lines.length + last.lines.length + last.dropped, 20);
  assert.equal(b.bufferedLines, 0);
  assert.equal(clock.pendingTimers, 0);
});

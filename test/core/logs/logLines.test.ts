import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLineSplitter, MAX_LINE_BYTES, parseTimestampPrefix, stripControl, type RawLogLine } from '../../../electron/core/logs/logLines';

function splitter() {
  const lines: RawLogLine[] = [];
  return { lines, split: createLineSplitter('stderr', (line) => lines.push(line)) };
}

test('Docker timestamps: nanoseconds kept exactly, ms for the view, zones honoured', () => {
  const parsed = parseTimestampPrefix('2026-12-02T10:00:00.123456789Z hello world');
  assert.equal(parsed.text, 'hello world');
  assert.equal(parsed.at, Date.UTC(2026, 11, 2, 10, 0, 0, 123));
  assert.equal(parsed.atNs, BigInt(Date.UTC(2026, 11, 2, 10, 0, 0)) * 1_000_000n + 123_456_789n);
  // The engine drops trailing zeros of the fraction.
  assert.equal(parseTimestampPrefix('2026-12-02T10:00:00.5Z x').atNs! - parseTimestampPrefix('2026-12-02T10:00:00.49Z x').atNs!, 10_000_000n);
  assert.equal(parseTimestampPrefix('2026-12-02T12:00:00+02:00 x').at, Date.UTC(2026, 11, 2, 10));
  assert.deepEqual(parseTimestampPrefix('no stamp here'), { at: null, atNs: null, text: 'no stamp here' });
});

test('lines split across chunks, a last line without newline given at the end', () => {
  const { lines, split } = splitter();
  split.push(Buffer.from('2026-12-02T10:00:00.1Z one\n2026-12-02T10:00:00.2Z tw'));
  split.push(Buffer.from('o\n2026-12-02T10:00:00.3Z three'));
  assert.deepEqual(lines.map((l) => l.text), ['one', 'two']);
  split.end();
  assert.deepEqual(lines.map((l) => [l.stream, l.text]), [['stderr', 'one'], ['stderr', 'two'], ['stderr', 'three']]);
});

test('control characters are removed except tab; ANSI colours too', () => {
  assert.equal(stripControl('\u001b[31mred\u001b[0m\tok\r\u0007'), 'red\tok');
});

test('a 10 MB line without newline is cut at 8 KiB and never held whole', () => {
  const { lines, split } = splitter();
  const piece = Buffer.alloc(64 * 1024, 'a');
  let maxHeld = 0;
  for (let i = 0; i < 160; i++) {
    split.push(piece);
    maxHeld = Math.max(maxHeld, split.heldBytes);
  }
  assert.equal(lines.length, 0, 'nothing is emitted until the newline');
  assert.ok(maxHeld <= MAX_LINE_BYTES);
  split.push(Buffer.from('tail\nnext line\n'));
  assert.equal(lines.length, 2);
  assert.equal(lines[0].text.length, MAX_LINE_BYTES);
  assert.equal(lines[0].cut, true);
  assert.equal(lines[0].bytes, 160 * 64 * 1024 + 4);
  assert.deepEqual([lines[1].text, lines[1].cut], ['next line', false]);
});

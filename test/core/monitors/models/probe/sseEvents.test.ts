import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BoundedLines, LineTooLongError } from '../../../../../electron/core/monitors/models/probe/boundedLines';
import { SseEvents } from '../../../../../electron/core/monitors/models/probe/sseEvents';

function events(text: string, reads = [text.length]) {
  const lines = new BoundedLines(1024);
  const sse = new SseEvents();
  const out: unknown[] = [];
  let at = 0;
  const take = (batch: string[]) => {
    for (const line of batch) {
      const item = sse.line(line);
      if (item) out.push(item);
    }
  };
  for (const size of reads) {
    take(lines.push(Buffer.from(text.slice(at, at + size))));
    at += size;
  }
  take(lines.end());
  const last = sse.end();
  if (last) out.push(last);
  return out;
}

test('data lines, CRLF, comments and other fields: one event per blank line', () => {
  const text = ': keep-alive\r\nevent: message\r\nid: 7\r\ndata: {"a":1}\r\n\r\ndata:{"b":2}\n\n';
  assert.deepEqual(events(text), [
    { kind: 'event', data: '{"a":1}' },
    { kind: 'event', data: '{"b":2}' },
  ]);
});

test('a multi-line event is joined with newlines; a last event without its blank line still counts', () => {
  assert.deepEqual(events('data: {"a":\ndata: 1}\n\ndata: [DONE]'), [
    { kind: 'event', data: '{"a":\n1}' },
    { kind: 'event', data: '[DONE]' },
  ]);
});

test('lines and UTF-8 split across reads are reassembled', () => {
  const text = 'data: {"content":"héllo ✓"}\n\n';
  assert.deepEqual(events(text, [9, 1, 1, 1, 3, 100]), [{ kind: 'event', data: '{"content":"héllo ✓"}' }]);
  // split inside the multi-byte characters of the encoded bytes
  const bytes = Buffer.from(text);
  const lines = new BoundedLines(1024);
  const got = [...lines.push(bytes.subarray(0, 20)), ...lines.push(bytes.subarray(20, 27)), ...lines.push(bytes.subarray(27))];
  assert.deepEqual(got, ['data: {"content":"héllo ✓"}', '']);
});

test('a line that is not SSE (a proxy’s or a crash’s text) is reported, not skipped', () => {
  assert.deepEqual(events('Internal Server Error\n'), [{ kind: 'malformed', line: 'Internal Server Error' }]);
});

test('a line longer than the bound throws before it is held, even without a newline', () => {
  const lines = new BoundedLines(100);
  assert.throws(() => lines.push(Buffer.from('data: ' + 'x'.repeat(200))), LineTooLongError);
  const complete = new BoundedLines(100);
  assert.throws(() => complete.push(Buffer.from('ok\n' + 'y'.repeat(150) + '\n')), (e: unknown) => e instanceof LineTooLongError && e.lineNumber === 2);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProcessRunner } from '../../../../electron/core/process/spawnProcessRunner';
import { OutputCapture, completeUtf8Length, stripAnsi } from '../../../../electron/core/runbooks/run/outputCapture';

test('small output is kept whole', () => {
  const capture = new OutputCapture({ headBytes: 16, tailBytes: 16 });
  capture.write('hello ');
  capture.write(Buffer.from('world\n'));
  assert.equal(capture.text(), 'hello world\n');
  assert.equal(capture.totalBytes, 12);
  assert.equal(capture.truncated, false);
});

test('output that just fills head and tail is not truncated', () => {
  const capture = new OutputCapture({ headBytes: 4, tailBytes: 4 });
  capture.write('abcdefgh');
  assert.equal(capture.truncated, false);
  assert.equal(capture.text(), 'abcdefgh');
});

test('big output keeps the first and last bytes and says how many were dropped', () => {
  const capture = new OutputCapture({ headBytes: 5, tailBytes: 5 });
  for (const piece of ['012', '3456789', 'abcdefghij', 'k', 'lmnopqrs', 'tuvwxyz']) capture.write(piece);
  assert.equal(capture.totalBytes, 36);
  assert.equal(capture.truncated, true);
  assert.equal(capture.keptBytes, 10);
  assert.equal(capture.text(), '01234\n… [26 bytes not kept] …\nvwxyz');
});

test('one chunk larger than the tail keeps its last bytes', () => {
  const capture = new OutputCapture({ headBytes: 3, tailBytes: 4 });
  capture.write('abc');
  capture.write('x'.repeat(100) + 'WXYZ');
  assert.equal(capture.text(), 'abc\n… [100 bytes not kept] …\nWXYZ');
});

test('the ring keeps order across many small writes', () => {
  const capture = new OutputCapture({ headBytes: 0, tailBytes: 7 });
  for (let i = 0; i < 1000; i++) capture.write(String(i % 10));
  assert.equal(capture.text(), '\n… [993 bytes not kept] …\n3456789');
});

test('a multi-byte character cut at either edge is left out, not shown as garbage', () => {
  const capture = new OutputCapture({ headBytes: 4, tailBytes: 4 });
  // "aé" is 3 bytes; "€" is 3 bytes: the head's 4th byte is the first of "€".
  capture.write('aé€' + 'z'.repeat(20) + '€b');
  const text = capture.text();
  assert.ok(!text.includes('\uFFFD'), JSON.stringify(text));
  assert.ok(text.startsWith('aé\n'), JSON.stringify(text));
  assert.ok(text.endsWith('\n€b'), JSON.stringify(text));
  // 30 bytes in all; kept: "aé" (3) and "€b" (4).
  assert.match(text, /\[23 bytes not kept\]/);
});

test('completeUtf8Length drops only an incomplete trailing sequence', () => {
  const euro = Buffer.from('€'); // e2 82 ac
  assert.equal(completeUtf8Length(Buffer.concat([Buffer.from('a'), euro])), 4);
  assert.equal(completeUtf8Length(Buffer.concat([Buffer.from('a'), euro.subarray(0, 2)])), 1);
  assert.equal(completeUtf8Length(Buffer.from('😀').subarray(0, 3)), 0);
  assert.equal(completeUtf8Length(Buffer.from('plain')), 5);
});

test('ANSI colours, cursor moves and titles are stripped', () => {
  assert.equal(stripAnsi('\u001b[1;31mred\u001b[0m \u001b[2K\u001b[1Gdone \u001b]0;title\u0007ok \u001b(Bx'), 'red done ok x');
  const capture = new OutputCapture();
  capture.write('\u001b[32mServer Version: 24\u001b[0m\n');
  assert.equal(capture.text(), 'Server Version: 24\n');
});

test('hundreds of MB from a real process stay in bounded memory with an exact byte count', async () => {
  const capture = new OutputCapture();
  const total = 300_000_000;
  let maxKept = 0;
  const result = await createProcessRunner().run({
    script: `head -c ${total - 4} /dev/zero | tr '\\0' x; printf 'END\\n'`,
    cwd: '/',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    signal: new AbortController().signal,
    onOutput(chunk) {
      capture.write(chunk);
      maxKept = Math.max(maxKept, capture.keptBytes);
    },
  });
  assert.equal(result.exitCode, 0);
  assert.equal(capture.totalBytes, total);
  assert.equal(capture.truncated, true);
  assert.ok(maxKept <= 64 * 1024, `kept ${maxKept} bytes`);
  const text = capture.text();
  assert.ok(text.startsWith('x'.repeat(32 * 1024) + '\n… ['), text.slice(0, 80));
  assert.ok(text.endsWith('xxxEND\n'));
  assert.match(text, new RegExp(`\\[${total - 64 * 1024} bytes not kept\\]`));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogDemuxer, LogFrameError, type LogStreamName } from '../../../electron/core/logs/multiplexDemux';

function frame(kind: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = kind;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function collect(tty = false) {
  const got: { stream: LogStreamName; text: string }[] = [];
  const demuxer = createLogDemuxer(tty, (stream, bytes) => {
    const last = got[got.length - 1];
    if (last && last.stream === stream) last.text += bytes.toString();
    else got.push({ stream, text: bytes.toString() });
  });
  return { got, demuxer };
}

test('frames of stdout and stderr are told apart', () => {
  const { got, demuxer } = collect();
  demuxer.push(Buffer.concat([frame(1, 'out1\n'), frame(2, 'err1\n'), frame(1, 'out2\n')]));
  assert.deepEqual(got, [
    { stream: 'stdout', text: 'out1\n' },
    { stream: 'stderr', text: 'err1\n' },
    { stream: 'stdout', text: 'out2\n' },
  ]);
});

test('a header and a payload split across chunks, byte by byte', () => {
  const { got, demuxer } = collect();
  const bytes = Buffer.concat([frame(2, 'hello '), frame(2, 'world\n'), frame(1, 'x\n')]);
  for (let i = 0; i < bytes.length; i++) demuxer.push(bytes.subarray(i, i + 1));
  assert.deepEqual(got, [
    { stream: 'stderr', text: 'hello world\n' },
    { stream: 'stdout', text: 'x\n' },
  ]);
  assert.equal(demuxer.midHeader, false);
  demuxer.push(frame(1, 'y').subarray(0, 3));
  assert.equal(demuxer.midHeader, true);
});

test('a frame claiming 4 GB is passed on in pieces, never buffered', () => {
  const seen: number[] = [];
  const demuxer = createLogDemuxer(false, (_s, bytes) => seen.push(bytes.length));
  const header = Buffer.from([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]);
  demuxer.push(Buffer.concat([header, Buffer.alloc(1000)]));
  demuxer.push(Buffer.alloc(2000));
  assert.deepEqual(seen, [1000, 2000]);
});

test('an invalid header is an error naming it', () => {
  const { demuxer } = collect();
  assert.throws(() => demuxer.push(Buffer.from('HTTP/1.1 200 OK\r\n')), (e: unknown) => e instanceof LogFrameError && /bad frame header 485454502f312e31/.test(e.message));
});

test('a TTY stream is raw bytes, shown as stdout', () => {
  const { got, demuxer } = collect(true);
  demuxer.push(Buffer.from([1, 0, 0, 0]));
  demuxer.push(Buffer.from('plain\n'));
  assert.equal(got.length, 1);
  assert.equal(got[0].stream, 'stdout');
  assert.equal(got[0].text, '\u0001\u0000\u0000\u0000plain\n');
});

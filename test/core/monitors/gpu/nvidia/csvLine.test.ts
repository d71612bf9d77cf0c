import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headerName, isMissing, parseMemoryBytes, parseNumber, parseWholeNumber, printable, splitColumns } from '../../../../../electron/core/monitors/gpu/nvidia/csvLine';

test('splitColumns keeps the commas of the free column, wherever it is (outside-in)', () => {
  assert.deepEqual(splitColumns('GPU-1, 42, 100, python train.py --a=1,2, --b', 4), ['GPU-1', '42', '100', 'python train.py --a=1,2, --b']);
  assert.deepEqual(splitColumns('Tesla, P100, GPU-1, 3', 3, 0), ['Tesla, P100', 'GPU-1', '3']);
  assert.deepEqual(splitColumns('a,b,c', 3), ['a', 'b', 'c']);
  assert.equal(splitColumns('a, b', 3), null);
});

test('isMissing knows nvidia-smi words for a figure the GPU does not report', () => {
  for (const word of ['[N/A]', 'N/A', '[Not Supported]', 'Not Supported', '[Requested functionality has been deprecated]', '[Unknown Error]', '', '  ', '[Insufficient Permissions]']) {
    assert.equal(isMissing(word), true, word);
  }
  assert.equal(isMissing('0'), false);
  assert.equal(isMissing('Disabled'), false);
});

test('parseNumber drops units nounits did not drop, and is null (not 0, not NaN) otherwise', () => {
  assert.equal(parseNumber('38 %'), 38);
  assert.equal(parseNumber('75.52 W'), 75.52);
  assert.equal(parseNumber(' 41 '), 41);
  assert.equal(parseNumber('0'), 0);
  assert.equal(parseNumber('[N/A]'), null);
  assert.equal(parseNumber('Not Supported'), null);
  assert.equal(parseNumber('abc'), null);
  assert.equal(parseNumber('1e400'), null);
});

test('parseMemoryBytes reads MiB (with or without the unit) as bytes', () => {
  assert.equal(parseMemoryBytes('2296 MiB'), 2296 * 1048576);
  assert.equal(parseMemoryBytes('2296'), 2296 * 1048576);
  assert.equal(parseMemoryBytes('0 MiB'), 0);
  assert.equal(parseMemoryBytes('[N/A]'), null);
  assert.equal(parseMemoryBytes('12 parsecs'), null);
  assert.equal(parseMemoryBytes('-5'), null);
});

test('parseWholeNumber, headerName', () => {
  assert.equal(parseWholeNumber('12'), 12);
  assert.equal(parseWholeNumber('1.5'), null);
  assert.equal(parseWholeNumber('[N/A]'), null);
  assert.equal(headerName('memory.used [MiB]'), 'memory.used');
  assert.equal(headerName(' utilization.gpu [%] '), 'utilization.gpu');
});

test('printable strips control characters and escape sequences and cuts to 80 characters', () => {
  assert.equal(printable('\x1b[31mred\x1b[0m\x00\x07 text'), 'red text');
  const long = printable('x'.repeat(200));
  assert.equal(long, `${'x'.repeat(80)}…`);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLineSplitter } from '../../../../../electron/core/monitors/gpu/nvidia/lineSplitter';

function collect(maxLineChars?: number) {
  const lines: string[] = [];
  const oversize: string[] = [];
  const splitter = createLineSplitter({ onLine: (l) => lines.push(l), onOversize: (h) => oversize.push(h) }, maxLineChars);
  return { lines, oversize, splitter };
}

test('lines split across chunks, CRLF and a missing final newline', () => {
  const { lines, splitter } = collect();
  splitter.push('0, GPU-1, 12');
  splitter.push('3\r\n1, GPU-2');
  splitter.push(Buffer.from(', 7\n2, last'));
  assert.deepEqual(lines, ['0, GPU-1, 123', '1, GPU-2, 7']);
  splitter.end();
  assert.deepEqual(lines, ['0, GPU-1, 123', '1, GPU-2, 7', '2, last']);
});

test('a multi-byte character cut between chunks survives', () => {
  const { lines, splitter } = collect();
  const bytes = Buffer.from('GPU “Ω”\n');
  splitter.push(bytes.subarray(0, 5));
  splitter.push(bytes.subarray(5));
  assert.deepEqual(lines, ['GPU “Ω”']);
});

test('a line over the bound is dropped (its start reported), and the next line is read', () => {
  const { lines, oversize, splitter } = collect(100);
  splitter.push('x'.repeat(60));
  splitter.push('y'.repeat(60));
  splitter.push('z'.repeat(500));
  splitter.push('\nok\n');
  assert.deepEqual(lines, ['ok']);
  assert.equal(oversize.length, 1);
  assert.ok(oversize[0].startsWith('x'.repeat(60)));
  splitter.push(`${'w'.repeat(150)}\nfine\n`);
  assert.deepEqual(lines, ['ok', 'fine']);
  assert.equal(oversize.length, 2);
});

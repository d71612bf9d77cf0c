import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanMarkdown } from '../../../../electron/core/runbooks/format/markdownScanner';
import { ProblemList } from '../../../../electron/core/runbooks/format/problemList';

const scan = (text: string, skip: number[] = []) => {
  const problems = new ProblemList('t.md');
  const blocks = scanMarkdown(text.split('\n'), 0, new Set(skip), problems);
  return { blocks: blocks.filter((b) => b.type !== 'text'), problems: problems.list() };
};

test('ATX headings: levels, closing hashes, indentation, and what is not a heading', () => {
  const { blocks } = scan('# One\n## Two ##\n   ### Three #\n#NoSpace\n    ## indented code\n####### seven\n## Tag #5\n##\n## ###');
  assert.deepEqual(
    blocks.map((b) => (b.type === 'heading' ? [b.level, b.text, b.line] : null)),
    [
      [1, 'One', 1],
      [2, 'Two', 2],
      [3, 'Three', 3],
      [2, 'Tag #5', 7],
      [2, '', 8],
      [2, '', 9],
    ],
  );
});

test('fences: info strings, indentation removed from content, closing rules', () => {
  const { blocks, problems } = scan('  ```run shell x=1\n  a\n    b\nc\n  ```\n~~~~ info `ok`\n~~~\n## inside\n~~~~~\n```a`b\n## real');
  assert.deepEqual(problems, []);
  assert.deepEqual(blocks.map((b) => (b.type === 'fence' ? ['fence', b.info, b.body, b.line] : [b.type, b.line])), [
    ['fence', 'run shell x=1', 'a\n  b\nc', 1],
    ['fence', 'info `ok`', '~~~\n## inside', 6],
    ['heading', 11],
  ]);
});

test('a closing fence may not carry an info string, and must use the same character', () => {
  const { blocks, problems } = scan('```\nx\n``` not closing\n~~~\n```\n## after');
  assert.deepEqual(problems, []);
  assert.equal(blocks.length, 2);
  assert.equal(blocks[0].type === 'fence' && blocks[0].body, 'x\n``` not closing\n~~~');
});

test('an unterminated fence is reported at its opening line and swallows the rest', () => {
  const { blocks, problems } = scan('## a\n\n~~~run shell\n## b\n```');
  assert.equal(blocks.length, 1);
  assert.deepEqual(problems.map((p) => [p.line, p.message]), [[3, 'The code block opened on line 3 is never closed: add a line of ~~~ after its content.']]);
});

test('skipped (over-long) lines are plain text, neither headings nor fences', () => {
  const { blocks, problems } = scan('## a\n```\n## b', [1]);
  assert.deepEqual(problems, []);
  assert.deepEqual(blocks.map((b) => b.line), [1, 3]);
});

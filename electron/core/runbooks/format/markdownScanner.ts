import type { ProblemList } from './problemList';

/**
 * The markdown structure runbooks need, from a line scanner that follows CommonMark for the two
 * constructs that matter: fenced code blocks (``` or ~~~, at least 3, closed by the same
 * character at least as long) and ATX headings (`#` to `######`). A heading inside a fence is
 * code, not a heading. Everything else is prose and kept as written.
 */
export type MarkdownBlock =
  | { type: 'heading'; level: number; text: string; line: number; index: number }
  | { type: 'fence'; info: string; body: string; line: number; index: number; endIndex: number }
  | { type: 'text'; line: number; index: number };

interface OpenFence {
  char: '`' | '~';
  length: number;
  indent: number;
  info: string;
}

const FENCE_OPENING = /^( {0,3})(`{3,}|~{3,})(.*)$/;

function openingFence(line: string): OpenFence | null {
  const match = FENCE_OPENING.exec(line);
  if (!match) return null;
  const char = match[2][0] as '`' | '~';
  const info = match[3].trim();
  // CommonMark: a backtick fence's info string may not contain a backtick (it is inline code then).
  if (char === '`' && info.includes('`')) return null;
  return { char, length: match[2].length, indent: match[1].length, info };
}

function closesFence(line: string, fence: OpenFence): boolean {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  let run = 0;
  while (line[i + run] === fence.char) run++;
  return run >= fence.length && line.slice(i + run).trim() === '';
}

function atxHeading(line: string): { level: number; text: string } | null {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  let level = 0;
  while (line[i + level] === '#') level++;
  if (level === 0 || level > 6) return null;
  const rest = line.slice(i + level);
  if (rest !== '' && rest[0] !== ' ' && rest[0] !== '\t') return null;
  let text = rest.trim();
  // An optional closing run of '#' (after a space, or the whole content) is not part of the title.
  const closing = /(?:^|[ \t])#+$/.exec(text);
  if (closing) text = text.slice(0, closing.index).trim();
  return { level, text };
}

/** Removes up to `indent` leading spaces, as CommonMark does for the content of an indented fence. */
function dedent(line: string, indent: number): string {
  let i = 0;
  while (i < indent && line[i] === ' ') i++;
  return line.slice(i);
}

/**
 * Scans `lines[start…]` into blocks. `skip` holds line indexes to treat as plain text (over-long
 * lines: already errors, and kept out of the pattern matching so the work stays bounded).
 */
export function scanMarkdown(lines: readonly string[], start: number, skip: ReadonlySet<number>, problems: ProblemList): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  let index = start;
  while (index < lines.length) {
    const line = lines[index];
    const structural = !skip.has(index);
    const fence = structural ? openingFence(line) : null;
    if (fence) {
      let end = index + 1;
      while (end < lines.length && (skip.has(end) || !closesFence(lines[end], fence))) end++;
      if (end >= lines.length) {
        problems.add(index + 1, `The code block opened on line ${index + 1} is never closed: add a line of ${fence.char.repeat(fence.length)} after its content.`);
        return blocks;
      }
      const body = lines.slice(index + 1, end).map((content) => dedent(content, fence.indent)).join('\n');
      blocks.push({ type: 'fence', info: fence.info, body, line: index + 1, index, endIndex: end });
      index = end + 1;
      continue;
    }
    const heading = structural ? atxHeading(line) : null;
    if (heading) blocks.push({ type: 'heading', ...heading, line: index + 1, index });
    else blocks.push({ type: 'text', line: index + 1, index });
    index++;
  }
  return blocks;
}

import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import type { ProblemList } from './problemList';

export type YamlPath = readonly (string | number)[];

/** The YAML header, parsed, with a way back from a value's path to its line in the file. */
export interface FrontMatter {
  value: unknown;
  /** File line (1-based) of the value at `path`, or of its nearest ancestor that exists. */
  lineOf(path: YamlPath): number;
  /** File line of the key `key` in the mapping at `path` (for unknown keys). */
  lineOfKey(path: YamlPath, key: string): number;
}

export interface SplitRunbook {
  frontMatter: FrontMatter | null;
  /** 0-based index of the first body line. */
  bodyStart: number;
}

const FENCE = '---';
const MAX_ALIASES = 50;
/** A header is a few dozen lines; YAML parsing costs ~10 µs per node, so a cap keeps a hostile file cheap. */
export const MAX_FRONT_MATTER_CHARS = 16 * 1024;

/**
 * Splits the `---` header from the body and parses it with `yaml`. Problems carry file lines:
 * the header starts on line 2, so YAML positions are shifted by one.
 */
export function readFrontMatter(lines: readonly string[], problems: ProblemList): SplitRunbook {
  if (lines[0]?.trimEnd() !== FENCE) {
    problems.add(1, 'The file must start with front matter: a "---" line, the YAML header (id, title, category…), then "---".');
    return { frontMatter: null, bodyStart: 0 };
  }
  let end = 1;
  while (end < lines.length && lines[end].trimEnd() !== FENCE) end++;
  if (end >= lines.length) {
    problems.add(1, 'The front matter opened on line 1 is never closed: add a "---" line after the header.');
    return { frontMatter: null, bodyStart: lines.length };
  }
  const yamlText = lines.slice(1, end).join('\n');
  if (yamlText.length > MAX_FRONT_MATTER_CHARS) {
    problems.add(1, `The front matter is ${yamlText.length} characters long; the limit is ${MAX_FRONT_MATTER_CHARS}.`);
    return { frontMatter: null, bodyStart: end + 1 };
  }
  return { frontMatter: parseHeader(yamlText, problems), bodyStart: end + 1 };
}

function parseHeader(yamlText: string, problems: ProblemList): FrontMatter | null {
  const counter = new LineCounter();
  const toFileLine = (offset: number) => counter.linePos(offset).line + 1;
  let doc: Document;
  try {
    doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    problems.add(2, `The front matter is not valid YAML: ${(error as Error).message}`);
    return null;
  }
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      problems.add(toFileLine(error.pos[0]), `The front matter is not valid YAML: ${error.message.split('\n')[0]}`);
    }
    return null;
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    problems.add(2, `The front matter cannot be read: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
  const lineOfNode = (node: unknown): number | null => {
    if (!isNode(node) || !node.range) return null;
    return toFileLine(node.range[0]);
  };
  const lineOf = (path: YamlPath): number => {
    for (let length = path.length; length > 0; length--) {
      const line = lineOfNode(doc.getIn(path.slice(0, length), true));
      if (line !== null) return line;
    }
    return 1;
  };
  const lineOfKey = (path: YamlPath, key: string): number => {
    const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (isMap(map)) {
      const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
      const line = pair ? lineOfNode(pair.key) : null;
      if (line !== null) return line;
    }
    return lineOf(path);
  };
  return { value, lineOf, lineOfKey };
}

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { CST, Lexer, LineCounter, isAlias, parseDocument, visit, type Document } from 'yaml';
import type { ConfigProblem } from '../../../shared/config/settingsSchema';

/** A real config is a few KB; anything past this is not a config and is never parsed (12 MB took 43 s and 2.7 GB). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Anchors save repetition; more aliases than this is not a hand-written config (5,000 `<<: *a` stopped every command). */
export const MAX_CONFIG_ALIASES = 100;
/** How far aliases may expand when read (an alias of a list of aliases…): the YAML library's own guard. */
export const MAX_ALIAS_EXPANSION = 1000;
/** Nested flow collections (`[[[…`) make the parser recurse: 50 KB of them took 0.6 s and overflowed the stack. */
export const MAX_FLOW_DEPTH = 64;
/** Block nesting shows as indentation; 878 levels overflowed the parser's stack. A real config indents a dozen columns. */
export const MAX_INDENT_COLUMNS = 200;

export interface ConfigDocument {
  /** Null when the file is missing or cannot be used; `problems` says why. */
  doc: Document | null;
  /** The document as plain data (undefined when `doc` is null). */
  value: unknown;
  problems: ConfigProblem[];
  /** False only when there is no file: a file that exists but cannot be used must not be overwritten. */
  exists: boolean;
}

const unusable = (message: string): ConfigDocument => ({ doc: null, value: undefined, problems: [{ path: '(file)', message }], exists: true });

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Reads config.yaml within fixed limits of size, nesting and aliases, so a hostile or runaway file costs milliseconds, never the app. */
export function readConfigDocument(path: string): ConfigDocument {
  let text: string;
  try {
    const stats = statSync(path);
    // A FIFO or device would block or stream forever; only a plain file is opened.
    if (!stats.isFile()) return unusable(`${path} is not a regular file; not read, using defaults.`);
    if (stats.size > MAX_CONFIG_BYTES) {
      return unusable(`${path} is ${megabytes(stats.size)}, over the 1 MiB limit; not read, using defaults. A config is a few KB: remove what does not belong in it.`);
    }
    const bytes = readAtMost(path, MAX_CONFIG_BYTES + 1);
    // The file may have grown since the stat: what is read stays within the limit either way.
    if (bytes.length > MAX_CONFIG_BYTES) return unusable(`${path} is over the 1 MiB limit; not read, using defaults. A config is a few KB: remove what does not belong in it.`);
    text = bytes.toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { doc: null, value: undefined, problems: [], exists: false };
    return unusable(`Cannot read ${path}: ${(error as Error).message}; using defaults.`);
  }
  // Both limits are checked on the tokens, before the (much slower) parse.
  const shape = scanShape(text);
  if (shape) return unusable(shape);
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, lineCounter });
  } catch (error) {
    return unusable(`The YAML parser failed on ${path}: ${(error as Error).message.split('\n')[0]}; using defaults.`);
  }
  if (doc.errors.length > 0) {
    const problems = doc.errors.slice(0, 5).map((e) => ({
      path: '(file)',
      message: `YAML error${e.linePos ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : ''}: ${e.message.split('\n')[0]}; using defaults.`,
    }));
    return { doc: null, value: undefined, problems, exists: true };
  }
  const aliases = aliasCopies(doc);
  const from = () => {
    const pos = lineCounter.linePos(aliases.firstOffset ?? 0);
    return `YAML aliases from line ${pos.line}, column ${pos.col} on`;
  };
  if (aliases.bytes > MAX_CONFIG_BYTES) {
    return unusable(`${from()} copy ${megabytes(aliases.bytes)} of anchored text, over the 1 MiB limit. Not read, using defaults: write the values out instead.`);
  }
  const converted = documentToData(doc);
  if (!converted.ok) {
    const where = aliases.firstOffset === undefined ? `${path} cannot be read` : `${from()} cannot be read`;
    return unusable(`${where}: ${converted.reason}. Not read, using defaults: write the values out instead.`);
  }
  return { doc, value: converted.value, problems: [], exists: true };
}

function readAtMost(path: string, limit: number): Buffer {
  const buffer = Buffer.alloc(limit);
  const fd = openSync(path, 'r');
  try {
    let length = 0;
    while (length < limit) {
      const read = readSync(fd, buffer, length, limit - length, null);
      if (read === 0) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** `doc.toJS()` with the alias expansion guard; its errors (a bomb, an unresolved alias) become a reason, not a crash. */
export function documentToData(doc: Document): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }) };
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    const reason = /resource exhaustion/.test(message) ? `they expand to more than ${MAX_ALIAS_EXPANSION} copies (an alias of aliases)` : message;
    return { ok: false, reason };
  }
}

/** Where the first alias is, and the text all aliases copy, summed: a huge anchor aliased a hundred times is a size bomb too. */
function aliasCopies(doc: Document): { firstOffset: number | undefined; bytes: number } {
  let firstOffset: number | undefined;
  let bytes = 0;
  visit(doc, {
    Alias(_key, node) {
      if (!isAlias(node)) return;
      firstOffset ??= node.range?.[0];
      const range = node.resolve(doc)?.range;
      if (range) bytes += range[1] - range[0];
    },
  });
  return { firstOffset, bytes };
}

const SYNTHETIC_TOKENS = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/**
 * Lexes (linear, no recursion; quotes and block scalars understood) and stops at the first flow
 * collection nested too deep or the first alias past the limit: the answer names its line.
 */
function scanShape(text: string): string | null {
  let depth = 0;
  let offset = 0;
  let aliases = 0;
  let firstAlias = 0;
  let lineStart = 0;
  let indent = 0;
  const tooIndented = () => `YAML at ${lineAndColumn(text, offset)} is indented more than ${MAX_INDENT_COLUMNS} columns (nested too deep); not read, using defaults.`;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    // A scalar's source follows a marker token; typed on its own, text that starts with spaces would read as indentation.
    const type = scalarNext ? 'scalar' : CST.tokenType(token);
    scalarNext = token === CST.SCALAR;
    // Indentation counts once something other than a comment follows it on the line.
    if (type === 'space' && offset === lineStart) indent = token.length;
    else if (type === 'newline' || type === 'comment') indent = 0;
    else if (type !== 'space' && !SYNTHETIC_TOKENS.has(token)) {
      const column = type === 'seq-item-ind' || type === 'explicit-key-ind' ? offset - lineStart : indent;
      if (column > MAX_INDENT_COLUMNS) return tooIndented();
      indent = 0;
    }
    const newline = token.lastIndexOf('\n');
    if (newline >= 0 && !SYNTHETIC_TOKENS.has(token)) lineStart = offset + newline + 1;
    if (type === 'flow-seq-start' || type === 'flow-map-start') {
      depth += 1;
      if (depth > MAX_FLOW_DEPTH) return `YAML at ${lineAndColumn(text, offset)} nests [ ] / { } more than ${MAX_FLOW_DEPTH} levels deep; not read, using defaults.`;
    } else if (type === 'flow-seq-end' || type === 'flow-map-end') {
      depth = Math.max(0, depth - 1);
    } else if (type === 'alias') {
      if (aliases === 0) firstAlias = offset;
      aliases += 1;
      if (aliases > MAX_CONFIG_ALIASES) {
        return `config.yaml uses more than ${MAX_CONFIG_ALIASES} aliases (*name): the first is at ${lineAndColumn(text, firstAlias)}, the one past the limit at ${lineAndColumn(text, offset)}. Not read, using defaults: write the values out instead.`;
      }
    }
    // The lexer also yields markers of its own (document start, scalar, flow error end) that are not in the text.
    if (!SYNTHETIC_TOKENS.has(token)) offset += token.length;
  }
  return null;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  return `line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')}`;
}

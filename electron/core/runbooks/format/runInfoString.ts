/**
 * The info string of an executable fence: `run <kind> key=value key="quoted \"value\"" flag`.
 * Inside quotes only `\"` and `\\` are escapes; any other backslash stays as written, so a
 * regular expression such as `"^[0-9]+\."` needs no doubling.
 */
export interface RunAttribute {
  key: string;
  value: string;
  /** Written as a bare flag (`confirm`), not `key=value`. */
  flag: boolean;
}

export interface RunInfo {
  kind: string | null;
  attributes: RunAttribute[];
  problems: string[];
}

const NAME = /^[a-z][a-z0-9-]*$/;
const isSpace = (char: string | undefined) => char === ' ' || char === '\t';

/** True when a fence's info string marks an executable block (its first word is `run`). */
export function isRunInfo(info: string): boolean {
  return info === 'run' || /^run[ \t]/.test(info);
}

export function isExpectedInfo(info: string): boolean {
  return info === 'expected' || /^expected[ \t]/.test(info);
}

export function parseRunInfo(info: string): RunInfo {
  const problems: string[] = [];
  const attributes: RunAttribute[] = [];
  let kind: string | null = null;
  let i = 3; // after "run"
  for (;;) {
    while (isSpace(info[i])) i++;
    if (i >= info.length) break;
    const start = i;
    while (i < info.length && !isSpace(info[i]) && info[i] !== '=') i++;
    const key = info.slice(start, i);
    if (kind === null && attributes.length === 0 && problems.length === 0) {
      if (info[i] === '=' || !NAME.test(key)) {
        problems.push(`"run" must be followed by a step kind (e.g. "run shell"), not "${key}${info[i] === '=' ? '=…' : ''}".`);
        while (i < info.length && !isSpace(info[i])) i++;
      } else {
        kind = key;
      }
      continue;
    }
    if (info[i] !== '=') {
      if (NAME.test(key)) attributes.push({ key, value: '', flag: true });
      else problems.push(`"${key}" is not an attribute name (lower-case letters, digits and "-").`);
      continue;
    }
    i++; // "="
    const value = info[i] === '"' ? readQuoted(info, i) : readBare(info, i);
    i = value.end;
    if (value.problem) problems.push(`Attribute "${key}": ${value.problem}`);
    else if (!NAME.test(key)) problems.push(`"${key}" is not an attribute name (lower-case letters, digits and "-").`);
    else attributes.push({ key, value: value.text, flag: false });
  }
  if (kind === null && problems.length === 0) problems.push('"run" must be followed by a step kind (e.g. "run shell").');
  return { kind, attributes, problems };
}

interface ValueRead {
  text: string;
  end: number;
  problem?: string;
}

function readBare(info: string, start: number): ValueRead {
  let i = start;
  while (i < info.length && !isSpace(info[i])) i++;
  const text = info.slice(start, i);
  if (text === '') return { text, end: i, problem: 'has no value (write key="" for an empty one).' };
  if (text.includes('"')) return { text, end: i, problem: 'quotes must surround the whole value (key="…").' };
  return { text, end: i };
}

function readQuoted(info: string, start: number): ValueRead {
  let text = '';
  let i = start + 1;
  while (i < info.length) {
    const char = info[i];
    if (char === '\\' && (info[i + 1] === '"' || info[i + 1] === '\\')) {
      text += info[i + 1];
      i += 2;
      continue;
    }
    if (char === '"') {
      i++;
      if (i < info.length && !isSpace(info[i])) {
        while (i < info.length && !isSpace(info[i])) i++;
        return { text, end: i, problem: 'text follows the closing quote; put a space between attributes.' };
      }
      return { text, end: i };
    }
    text += char;
    i++;
  }
  return { text, end: i, problem: 'the quoted value is never closed (a " is missing).' };
}

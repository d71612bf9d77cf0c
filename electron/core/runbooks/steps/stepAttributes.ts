/**
 * Parsers for the attribute values step kinds share. Each returns the value or a sentence
 * saying what is wrong, so `validate` (at load) and `execute` (at run) read them the same way.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** `expect-exit`: "0" or "0,1,3"; whole numbers 0–255. */
export function parseExitCodes(text: string): Parsed<number[]> {
  const items = text.split(',').map((item) => item.trim());
  const codes: number[] = [];
  for (const item of items) {
    if (!/^\d{1,3}$/.test(item) || Number(item) > 255) {
      return { ok: false, problem: `expect-exit "${text}" must be exit codes 0–255, separated by commas (e.g. 0 or 0,1)` };
    }
    codes.push(Number(item));
  }
  return { ok: true, value: [...new Set(codes)] };
}

export interface StatusRange {
  from: number;
  to: number;
}

/** `expect-status`: "200", "200,204", "200-299" or a mix; codes 100–599. */
export function parseStatusRanges(text: string): Parsed<StatusRange[]> {
  const bad: Parsed<StatusRange[]> = {
    ok: false,
    problem: `expect-status "${text}" must be HTTP status codes 100–599: 200, 200,204 or 200-299`,
  };
  const ranges: StatusRange[] = [];
  for (const item of text.split(',').map((i) => i.trim())) {
    const match = /^(\d{3})(?:-(\d{3}))?$/.exec(item);
    if (!match) return bad;
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from < 100 || to > 599 || to < from) return bad;
    ranges.push({ from, to });
  }
  return { ok: true, value: ranges };
}

export function statusInRanges(status: number, ranges: readonly StatusRange[]): boolean {
  return ranges.some((range) => status >= range.from && status <= range.to);
}

/**
 * `expect-output` / `reject-output`: a JavaScript regular expression, compiled with the `m`
 * flag so `^` and `$` match at line starts and ends (output is lines).
 */
export function compilePattern(attribute: string, source: string): Parsed<RegExp> {
  if (source.length === 0) return { ok: false, problem: `${attribute} is empty` };
  try {
    return { ok: true, value: new RegExp(source, 'm') };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    return { ok: false, problem: `${attribute} is not a valid regular expression: ${reason}` };
  }
}

/** Problems of the optional pattern attributes among `names`. */
export function patternProblems(attributes: Record<string, string>, names: readonly string[]): string[] {
  const problems: string[] = [];
  for (const name of names) {
    const source = attributes[name];
    if (source === undefined) continue;
    const parsed = compilePattern(name, source);
    if (!parsed.ok) problems.push(parsed.problem);
  }
  return problems;
}

/** Attributes the kind does not know (the parser checks too; a kind must not trust it). */
export function unknownAttributes(attributes: Record<string, string>, known: readonly string[]): string[] {
  const common = ['id', 'timeout', 'confirm', 'on-failure', 'on-success'];
  return Object.keys(attributes)
    .filter((name) => !known.includes(name) && !common.includes(name))
    .map((name) => `unknown attribute ${name}`);
}

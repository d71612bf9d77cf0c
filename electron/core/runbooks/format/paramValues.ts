import type { RunbookParam } from '../../../../shared/types/runbooks';

export const MAX_PARAM_VALUE_CHARS = 1024;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** The regular expression a `string` param's whole value must match (the parser anchors it). */
export function anchoredPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

/** Why `value` is not acceptable for `param`, or null when it is. */
export function checkParamValue(param: RunbookParam, value: string): string | null {
  switch (param.type) {
    case 'number':
      return DECIMAL.test(value) && Number.isFinite(Number(value)) ? null : `${param.name} must be a decimal number (e.g. 3 or -0.5), not "${preview(value)}".`;
    case 'boolean':
      return value === 'true' || value === 'false' ? null : `${param.name} must be true or false, not "${preview(value)}".`;
    case 'enum':
      return param.values?.includes(value) ? null : `${param.name} must be one of ${(param.values ?? []).join(', ')}, not "${preview(value)}".`;
    case 'string':
      if (value.length > MAX_PARAM_VALUE_CHARS) return `${param.name} is ${value.length} characters long; the limit is ${MAX_PARAM_VALUE_CHARS}.`;
      if (/[\0\r\n]/.test(value)) return `${param.name} must be one line of text without NUL bytes.`;
      if (param.pattern !== undefined && !anchoredPattern(param.pattern).test(value)) return `${param.name} "${preview(value)}" does not match the pattern ${param.pattern}.`;
      return null;
  }
}

function preview(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}

export type ResolvedParams = { ok: true; values: Record<string, string> } | { ok: false; problems: string[] };

/**
 * The values a run uses: given ones checked against their declaration, defaults filled in.
 * An optional param with no default that is not given is the empty string (an empty
 * environment variable); a required one must be given, and not empty.
 */
export function resolveParamValues(params: readonly RunbookParam[], given: Readonly<Record<string, string>>): ResolvedParams {
  const problems: string[] = [];
  const declared = new Map(params.map((param) => [param.name, param]));
  for (const name of Object.keys(given)) {
    if (!declared.has(name)) problems.push(`Unknown parameter ${name}${params.length > 0 ? ` (this runbook takes ${[...declared.keys()].join(', ')})` : ' (this runbook takes none)'}.`);
  }
  const values: Record<string, string> = {};
  for (const param of params) {
    const value = Object.hasOwn(given, param.name) ? given[param.name] : undefined;
    if (value === undefined || (param.required && value === '')) {
      if (param.required) problems.push(`${param.name} is required: ${param.description}`);
      else values[param.name] = param.default ?? '';
      continue;
    }
    if (typeof value !== 'string') {
      problems.push(`${param.name} must be given as text.`);
      continue;
    }
    const problem = checkParamValue(param, value);
    if (problem) problems.push(problem);
    else values[param.name] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

/**
 * Replaces `${NAME}` in a non-shell body (URL, container name, action) with the validated value.
 * Only names in `values` are replaced, in one pass (a value containing `${X}` stays as it is);
 * any other `${…}` is left untouched. Shell bodies never go through this: they read the environment.
 */
export function expandParamReferences(body: string, values: Readonly<Record<string, string>>): string {
  return body.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (reference, name: string) => (Object.hasOwn(values, name) ? values[name] : reference));
}

import type { RunbookParam } from '../../../../shared/types/runbooks';
import type { FrontMatter } from './frontMatter';
import { anchoredPattern, checkParamValue } from './paramValues';
import type { ProblemList } from './problemList';

const PARAM_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;
const RESERVED_NAMES = new Set(['PATH', 'HOME', 'SHELL', 'IFS', 'ENV', 'BASH_ENV', 'NODE_OPTIONS']);
const RESERVED_PREFIXES = ['LD_', 'DYLD_', 'OPSBAR_'];

/** Params become environment variables: these would change how the shell or Opsbar itself behaves. */
export function isReservedParamName(name: string): boolean {
  return RESERVED_NAMES.has(name) || RESERVED_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** A param as the schema read it (types checked, cross-field rules not yet). */
export type DeclaredParam = RunbookParam;

/**
 * The rules between a param's fields (enum needs values, a required param has no default…),
 * each reported at its line. `index` is the param's position in the file's list.
 */
export function checkParamDeclarations(declared: readonly { param: DeclaredParam; index: number }[], frontMatter: FrontMatter, problems: ProblemList): RunbookParam[] {
  const seen = new Map<string, number>();
  return declared.map(({ param, index }) => {
    const lineOf = (key: string) => frontMatter.lineOf(['params', index, key]);
    const report = (key: string, message: string) => problems.add(lineOf(key), `Front matter: param ${param.name || `#${index + 1}`}: ${message}`);
    if (!PARAM_NAME.test(param.name)) report('name', `the name must be upper-case letters, digits and "_", starting with a letter (e.g. STACK).`);
    else if (isReservedParamName(param.name)) report('name', `${param.name} is a reserved environment variable; choose another name.`);
    const firstLine = seen.get(param.name);
    if (firstLine !== undefined) report('name', `the name is declared twice (first at line ${firstLine}).`);
    else seen.set(param.name, lineOf('name'));

    if (param.type === 'enum' && param.values === undefined) report('type', 'an enum needs "values", the list of allowed values.');
    if (param.type !== 'enum' && param.values !== undefined) report('values', `"values" is only for enum params, not ${param.type}.`);
    let patternCompiles = true;
    if (param.pattern !== undefined) {
      if (param.type !== 'string') report('pattern', `"pattern" is only for string params, not ${param.type}.`);
      try {
        anchoredPattern(param.pattern);
      } catch (error) {
        patternCompiles = false;
        report('pattern', `the pattern is not a valid regular expression: ${(error as Error).message}`);
      }
    }
    const result: RunbookParam = { ...param };
    if (param.default !== undefined) {
      if (param.required) report('required', 'a required param has no default (remove one of them).');
      const checkable = patternCompiles && !(param.type === 'enum' && param.values === undefined);
      const problem = checkable ? checkParamValue(result, param.default) : null;
      if (problem) report('default', `the default is not valid: ${problem}`);
    }
    return result;
  });
}

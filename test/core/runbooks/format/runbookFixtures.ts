import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunbook, type ParsedRunbook } from '../../../../electron/core/runbooks/format/parseRunbook';
import { testKinds } from './testStepKinds';

/** Paths to test/fixtures/runbooks and a parse call with the test step kinds. */
export const FIXTURES = join(__dirname, '../../../fixtures/runbooks');
export const VALID_DIR = join(FIXTURES, 'valid');
export const INVALID_DIR = join(FIXTURES, 'invalid');
export const CATALOG_DIR = join(FIXTURES, 'catalog');

export const validFixtureNames = (): string[] => readdirSync(VALID_DIR).filter((name) => name.endsWith('.md')).sort();
export const readFixture = (dir: string, name: string): Buffer => readFileSync(join(dir, name));

export function parse(source: Buffer | string, file = 'test.md'): ParsedRunbook {
  return parseRunbook(source, { file, origin: 'user', kinds: testKinds() });
}

/** Parses and expects success, with the problems in the assertion message when it fails. */
export function parseValid(source: Buffer | string, file = 'test.md') {
  const result = parse(source, file);
  if (!result.ok) throw new Error(`expected ${file} to be valid:\n${result.invalid.problems.map((p) => `  line ${p.line}: ${p.message}`).join('\n')}`);
  return result.runbook;
}

/** Parses and expects failure; returns the problems as "line: message" for readable assertions. */
export function parseInvalid(source: Buffer | string, file = 'test.md') {
  const result = parse(source, file);
  if (result.ok) throw new Error(`expected ${file} to be invalid`);
  return result.invalid;
}

/** A small valid runbook to build variants from. */
export const minimalRunbook = (body = '## Check\n\n```run shell\ntrue\n```\n', header = '') =>
  `---\nid: minimal\ntitle: Minimal\ncategory: daily\n${header}---\n\n${body}`;

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunbookParam } from '../../../../shared/types/runbooks';
import { checkParamValue, expandParamReferences, resolveParamValues } from '../../../../electron/core/runbooks/format/paramValues';

const param = (fields: Partial<RunbookParam> & Pick<RunbookParam, 'name' | 'type'>): RunbookParam => ({ description: 'd', required: false, ...fields });

const STACK = param({ name: 'STACK', type: 'string', default: '', pattern: '[a-z0-9-]*' });
const KEEP = param({ name: 'KEEP_DAYS', type: 'number', default: '7' });
const DRY = param({ name: 'DRY_RUN', type: 'boolean', default: 'true' });
const MODE = param({ name: 'MODE', type: 'enum', values: ['images', 'logs'] });
const HOST = param({ name: 'HOST', type: 'string', required: true, description: 'the host to check' });

test('defaults fill what is not given; an optional param without default is empty', () => {
  assert.deepEqual(resolveParamValues([STACK, KEEP, DRY, MODE], {}), { ok: true, values: { STACK: '', KEEP_DAYS: '7', DRY_RUN: 'true', MODE: '' } });
});

test('given values are checked and kept', () => {
  const result = resolveParamValues([STACK, KEEP, DRY, MODE, HOST], { STACK: 'llm', KEEP_DAYS: '-2.5', DRY_RUN: 'false', MODE: 'logs', HOST: 'gpu1' });
  assert.deepEqual(result, { ok: true, values: { STACK: 'llm', KEEP_DAYS: '-2.5', DRY_RUN: 'false', MODE: 'logs', HOST: 'gpu1' } });
});

test('unknown names, missing or empty required values and bad values are all refused together', () => {
  const result = resolveParamValues([STACK, KEEP, HOST], { STACK: 'A B', KEEP_DAYS: '1e3', EXTRA: 'x' });
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.deepEqual(result.problems, [
    'Unknown parameter EXTRA (this runbook takes STACK, KEEP_DAYS, HOST).',
    'STACK "A B" does not match the pattern [a-z0-9-]*.',
    'KEEP_DAYS must be a decimal number (e.g. 3 or -0.5), not "1e3".',
    'HOST is required: the host to check',
  ]);
  assert.deepEqual(resolveParamValues([HOST], { HOST: '' }), { ok: false, problems: ['HOST is required: the host to check'] });
  assert.deepEqual(resolveParamValues([], { A: '1' }), { ok: false, problems: ['Unknown parameter A (this runbook takes none).'] });
});

test('per-type checks: numbers, booleans, enums, strings', () => {
  for (const good of ['0', '42', '-3', '3.14']) assert.equal(checkParamValue(KEEP, good), null, good);
  for (const bad of ['', 'NaN', 'Infinity', '0x10', '1e3', '1.', '.5', ' 1', '1_000']) assert.match(checkParamValue(KEEP, bad) ?? '', /decimal number/, bad);
  assert.equal(checkParamValue(DRY, 'true'), null);
  assert.match(checkParamValue(DRY, 'yes') ?? '', /true or false/);
  assert.match(checkParamValue(MODE, 'all') ?? '', /one of images, logs/);
  const free = param({ name: 'NOTE', type: 'string' });
  assert.equal(checkParamValue(free, 'x'.repeat(1024)), null);
  assert.match(checkParamValue(free, 'x'.repeat(1025)) ?? '', /limit is 1024/);
  assert.match(checkParamValue(free, 'a\nb') ?? '', /one line/);
  assert.match(checkParamValue(free, 'a\0b') ?? '', /NUL/);
});

test('the pattern is anchored: it must match the whole value, alternations included', () => {
  const alt = param({ name: 'ENVIRONMENT', type: 'string', pattern: 'dev|prod' });
  assert.equal(checkParamValue(alt, 'prod'), null);
  assert.notEqual(checkParamValue(alt, 'production'), null);
  assert.notEqual(checkParamValue(alt, 'xdev'), null);
});

test('expandParamReferences replaces known ${NAME} once and leaves the rest', () => {
  const values = { HOST: 'gpu1', PORT: '8080', LOOP: '${HOST}' };
  assert.equal(expandParamReferences('GET http://${HOST}:${PORT}/health', values), 'GET http://gpu1:8080/health');
  assert.equal(expandParamReferences('${OTHER} ${host} $HOST ${LOOP}', values), '${OTHER} ${host} $HOST ${HOST}');
  assert.equal(expandParamReferences('no refs', {}), 'no refs');
});

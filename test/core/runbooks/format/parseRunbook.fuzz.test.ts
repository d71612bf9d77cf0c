import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Runbook } from '../../../../shared/types/runbooks';
import { cpuMillis } from '../../../support/cpuTime';
import { CATALOG_DIR, INVALID_DIR, VALID_DIR, parse, readFixture, validFixtureNames } from './runbookFixtures';

/**
 * Fuzzing the parser with mutated fixtures and random bytes. Deterministic: the seed is printed,
 * and OPSBAR_FUZZ_SEED replays a failing run (OPSBAR_FUZZ_ITERATIONS runs longer).
 */
const SEED = Number(process.env.OPSBAR_FUZZ_SEED ?? 0x0b5ba7);
const ITERATIONS = Number(process.env.OPSBAR_FUZZ_ITERATIONS ?? 3000);
/**
 * CPU time, not wall time: a busy machine does not add to it. Generous: it catches super-linear
 * work, not noise. Typical inputs take ~2 ms.
 */
const MAX_CPU_MS_PER_INPUT = 500;

/** mulberry32: small, fast, good enough to pick mutations. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)] };
}
type Random = ReturnType<typeof prng>;

const corpus: Buffer[] = [
  ...validFixtureNames().map((name) => readFixture(VALID_DIR, name)),
  ...readdirSync(INVALID_DIR).filter((name) => name.endsWith('.md')).map((name) => readFixture(INVALID_DIR, name)),
  ...['builtin', 'user'].flatMap((dir) => readdirSync(join(CATALOG_DIR, dir)).map((name) => readFileSync(join(CATALOG_DIR, dir, name)))),
];

const SNIPPETS = ['```', '````', '~~~', '```run shell', '```run manual confirm', '```expected', '---', '## Step', '# Title', '### Deeper',
  '```run shell on-failure=goto:nowhere', '```run shell timeout=3h id=x', '```run shell a="unclosed', 'params:', '  - name: X', 'schedule: "* * * * *"', '\t', '\r'];

function randomUnicode(random: Random): string {
  const ranges = [[0x20, 0x7e], [0xa0, 0x2fff], [0x1f300, 0x1faff], [0xe000, 0xf8ff], [0x0, 0x1f]];
  const [low, high] = random.pick(ranges);
  return String.fromCodePoint(low + random.int(high - low + 1));
}

function mutateLines(bytes: Buffer, random: Random): Buffer {
  const lines = bytes.toString('latin1').split('\n');
  const at = random.int(lines.length);
  const encode = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
  switch (random.int(9)) {
    case 0: lines.splice(at, 1); break;
    case 1: lines.splice(at, 0, lines[at] ?? ''); break;
    case 2: { const other = random.int(lines.length); [lines[at], lines[other]] = [lines[other], lines[at]]; break; }
    case 3: lines.splice(at, 0, random.pick(SNIPPETS)); break;
    case 4: lines.splice(at, 0, random.pick(['x', '`', '#', ' ', 'é']).repeat(4000 + random.int(2000))); break;
    case 5: lines[at] = (lines[at] ?? '') + encode(Array.from({ length: 1 + random.int(8) }, () => randomUnicode(random)).join('')); break;
    case 6: lines.splice(at, 0, '---', random.pick(['id: x', 'title:', 'nonsense: [', '? a', '&a [*a, *a]'])); break;
    case 7: lines[at] = (lines[at] ?? '').replace(/=\S*/, random.pick(['=', '="', '=goto:', '=runbook:', '=9999999h', '=""', ' = '])); break;
    default: lines.splice(at, 0, ...lines.slice(0, random.int(lines.length))); break;
  }
  return Buffer.from(lines.join('\n'), 'latin1');
}

function mutateBytes(bytes: Buffer, random: Random): Buffer {
  const at = random.int(bytes.length + 1);
  switch (random.int(5)) {
    case 0: return Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at)]);
    case 1: return Buffer.concat([bytes.subarray(0, at), randomBytes(random, 1 + random.int(16)), bytes.subarray(at)]);
    case 2: return bytes.subarray(0, at);
    case 3: { const copy = Buffer.from(bytes); if (copy.length > 0) copy[random.int(copy.length)] = random.int(256); return copy; }
    default: return Buffer.concat([bytes.subarray(0, at), Buffer.from('`'.repeat(1 + random.int(6))), bytes.subarray(at)]);
  }
}

function randomBytes(random: Random, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  for (let i = 0; i < length; i++) buffer[i] = random.next() < 0.3 ? random.pick([0x0a, 0x60, 0x23, 0x2d, 0x20, 0x7e, 0x3d, 0x22]) : random.int(256);
  return buffer;
}

function makeInput(random: Random): Buffer {
  if (random.next() < 0.08) return randomBytes(random, random.int(4096));
  let bytes = random.pick(corpus);
  const mutations = 1 + random.int(4);
  for (let i = 0; i < mutations; i++) bytes = random.next() < 0.6 ? mutateLines(bytes, random) : mutateBytes(bytes, random);
  return bytes;
}

function checkValidInvariants(runbook: Runbook, lineCount: number): void {
  const ids = runbook.steps.map((step) => step.id);
  assert.equal(new Set(ids).size, ids.length, 'step ids are unique');
  assert.ok(ids.every((id) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)), `step ids are slugs: ${ids.join(', ')}`);
  assert.equal(runbook.stepCount, runbook.steps.length);
  assert.ok(runbook.stepCount > 0);
  assert.equal(runbook.executableSteps, runbook.steps.filter((step) => step.block).length);
  runbook.steps.forEach((step, index) => {
    assert.equal(step.index, index);
    assert.ok(step.line >= 1 && step.line <= lineCount);
    if (!step.block) return;
    assert.ok(step.block.line > step.line && step.block.line <= lineCount);
    assert.ok(step.block.timeoutMs > 0 && step.block.timeoutMs <= 7_200_000);
    for (const transition of [step.block.onFailure, step.block.onSuccess]) {
      if (transition.kind === 'goto') assert.ok(ids.includes(transition.stepId), `goto target ${transition.stepId} exists`);
    }
    assert.notEqual(step.block.onSuccess.kind, 'continue');
    assert.notEqual(step.block.onSuccess.kind, 'runbook');
  });
  const needsOperator = runbook.steps.some((step) => step.block?.confirm || step.block?.kind === 'manual');
  assert.equal(runbook.needsOperator, needsOperator);
}

test(`fuzz: ${ITERATIONS} mutated and random inputs never throw, finish fast, and report sane problems`, (t) => {
  t.diagnostic(`fuzz seed ${SEED} (replay: OPSBAR_FUZZ_SEED=${SEED})`);
  console.log(`runbook parser fuzz seed: ${SEED}`);
  const random = prng(SEED);
  parse(corpus[0]); // warm-up: the first call loads yaml, zod and node-cron
  let valid = 0;
  let slowest = 0;
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const input = makeInput(random);
    const context = `iteration ${iteration} (seed ${SEED}): ${JSON.stringify(input.toString('latin1').slice(0, 200))}`;
    const lineCount = input.toString('latin1').split('\n').length;
    let result: ReturnType<typeof parse>;
    let elapsed: number;
    try {
      ({ value: result, ms: elapsed } = cpuMillis(() => parse(input, 'fuzz.md')));
    } catch (error) {
      assert.fail(`parseRunbook threw on ${context}: ${(error as Error).stack}`);
    }
    if (process.env.OPSBAR_FUZZ_SLOW && elapsed > Number(process.env.OPSBAR_FUZZ_SLOW)) console.log(`slow ${elapsed.toFixed(1)} ms, ${input.length} bytes, ${lineCount} lines, ok=${result.ok}: ${context.slice(0, 300)}`);
    slowest = Math.max(slowest, elapsed);
    assert.ok(elapsed < MAX_CPU_MS_PER_INPUT, `${context} took ${elapsed.toFixed(1)} ms of CPU`);
    if (result.ok) {
      valid++;
      checkValidInvariants(result.runbook, lineCount);
      continue;
    }
    assert.ok(result.invalid.problems.length > 0, `an invalid result has problems: ${context}`);
    for (const problem of result.invalid.problems) {
      assert.ok(Number.isInteger(problem.line) && problem.line >= 0 && problem.line <= lineCount + 1, `line ${problem.line} of ${lineCount}: ${problem.message}; ${context}`);
      assert.ok(typeof problem.message === 'string' && problem.message.trim().length > 0, context);
      assert.equal(problem.file, 'fuzz.md');
      assert.doesNotMatch(problem.message, /The parser failed/, `internal error on ${context}`);
    }
  }
  t.diagnostic(`${valid} of ${ITERATIONS} inputs parsed as valid; slowest ${slowest.toFixed(1)} ms of CPU`);
  assert.ok(valid > 0, 'some mutations keep a file valid (the valid path is exercised too)');
});

test('property: every valid fixture parses, and changing any one byte changes the hash or the verdict', () => {
  const random = prng(SEED ^ 0x5a5a);
  for (const name of validFixtureNames()) {
    const bytes = readFixture(VALID_DIR, name);
    const original = parse(bytes);
    assert.ok(original.ok, name);
    assert.equal(parse(Buffer.from(bytes)).ok && (parse(Buffer.from(bytes)) as { runbook: Runbook }).runbook.hash, original.runbook.hash, 'same bytes, same hash');
    for (let i = 0; i < 50; i++) {
      const changed = Buffer.from(bytes);
      const at = random.int(changed.length);
      changed[at] = (changed[at] + 1 + random.int(255)) % 256;
      const result = parse(changed);
      if (result.ok) assert.notEqual(result.runbook.hash, original.runbook.hash, `${name}: byte ${at} changed`);
    }
  }
});

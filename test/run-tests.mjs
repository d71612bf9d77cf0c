#!/usr/bin/env node
// Runs every test file under test/ with Node's test runner (TypeScript through tsx),
// prints the spec report, and ends with one summary line: "N passed, N failed, N skipped".
// Usage: node test/run-tests.mjs [substring filter…]
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

function findTests(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...findTests(path));
    else if (/\.test\.tsx?$/.test(entry)) found.push(path);
  }
  return found;
}

const files = findTests(join(root, 'test'))
  .filter((file) => filters.length === 0 || filters.some((f) => relative(root, file).includes(f)))
  .sort();
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}

// Each test file runs in its own Node process; tsx compiles TypeScript on the fly there.
process.env.NODE_OPTIONS = `--import tsx ${process.env.NODE_OPTIONS ?? ''}`.trim();

const counts = { passed: 0, failed: 0, skipped: 0 };
const stream = run({
  files,
  concurrency: Number(process.env.OPSBAR_TEST_CONCURRENCY ?? 2),
  timeout: 10 * 60_000,
});
stream.on('test:pass', (event) => {
  if (event.details?.type === 'suite') return;
  if (event.skip || event.todo) counts.skipped++;
  else counts.passed++;
});
stream.on('test:fail', (event) => {
  if (event.details?.type === 'suite') return;
  counts.failed++;
});
const report = stream.compose(spec);
report.pipe(process.stdout, { end: false });
report.on('end', () => {
  process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  process.exitCode = counts.failed > 0 ? 1 : 0;
});

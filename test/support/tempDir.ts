import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

const made: string[] = [];

// Registered when a test file loads this module, so on the file's root: it runs once every test,
// suite and hook of the file has ended, wherever tempDir() was called. (A hook registered from a
// test would run when that test ends; from a `before` hook, at once.)
after(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder in the OS temp dir, removed when the test file ends. */
export function tempDir(prefix = 'opsbar-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

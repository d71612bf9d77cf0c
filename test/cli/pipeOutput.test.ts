import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { RunbookLibraryView } from '../../shared/types/runbooks';
import { OPSBAR_BIN } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

/**
 * Output into a pipe is asynchronous on Linux: an exit straight after a big write kept only the
 * first 64 KiB (the pipe's buffer). These run the real command through `| cat`, as a user does.
 */
function throughPipe(args: string[]): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const quoted = [process.execPath, OPSBAR_BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    // `exit` with opsbar's own status (pipefail is not POSIX sh).
    const script = `{ ${quoted}; echo $? >&3; } 3>&2 | cat`;
    const child = spawn('/bin/sh', ['-c', script], { env: { ...process.env, NODE_OPTIONS: '' } });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', () => {
      const lines = stderr.trimEnd().split('\n');
      resolve({ code: Number(lines.pop()), stdout: Buffer.concat(out), stderr: lines.join('\n') });
    });
  });
}

const STEP = (n: number) => `## Step ${n}: check the thing number ${n} carefully\n\nWhat this step looks at and why it matters, in a sentence long enough to weigh something.\n\n\`\`\`run shell timeout=10s expect-output="ok"\necho ok ${n}\n\`\`\`\n\n`;

function runbook(id: string, steps: number): string {
  let text = `---\nid: ${id}\ntitle: Pipe test ${id}\ncategory: daily\n---\n\n`;
  for (let n = 1; n <= steps; n++) text += STEP(n);
  return text;
}

/** A data dir whose runbook folder alone lists well over 64 KiB. */
function bigLibrary(count: number, steps: number): string {
  const dataDir = tempDir('opsbar-pipe-');
  const folder = join(dataDir, 'runbooks');
  mkdirSync(folder);
  for (let i = 0; i < count; i++) writeFileSync(join(folder, `pipe-${i}.md`), runbook(`pipe-${i}`, steps));
  writeFileSync(join(dataDir, 'config.yaml'), `runbooks:\n  directory: ${folder}\n`);
  return dataDir;
}

describe('CLI output into a pipe', () => {
  test('runbook list --json writes the whole library (> 64 KiB) into a pipe', async () => {
    const dataDir = bigLibrary(400, 3);
    const result = await throughPipe(['runbook', 'list', '--json', '--data-dir', dataDir]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.length > 64 * 1024, `only ${result.stdout.length} bytes: the test needs more than a pipe buffer`);
    const library = JSON.parse(result.stdout.toString('utf8')) as RunbookLibraryView;
    assert.equal(library.runbooks.filter((r) => r.id.startsWith('pipe-')).length, 400);
  });

  test('runbook show --json of a long runbook is whole', async () => {
    const dataDir = bigLibrary(1, 400);
    const result = await throughPipe(['runbook', 'show', 'pipe-0', '--json', '--data-dir', dataDir]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.length > 64 * 1024, `only ${result.stdout.length} bytes`);
    const shown = JSON.parse(result.stdout.toString('utf8')) as { steps: unknown[] };
    assert.equal(shown.steps.length, 400);
  });

  test('runbook list (text) ends with its last runbook', async () => {
    const dataDir = bigLibrary(1500, 1);
    const result = await throughPipe(['runbook', 'list', '--data-dir', dataDir]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(result.stdout.length > 64 * 1024, `only ${result.stdout.length} bytes`);
    assert.match(result.stdout.toString('utf8'), /pipe-999\b/);
  });

  test('a reader that stops early (| head) is not an error', async () => {
    const dataDir = bigLibrary(400, 3);
    const quoted = [process.execPath, OPSBAR_BIN, 'runbook', 'list', '--json', '--data-dir', dataDir].map((a) => `'${a}'`).join(' ');
    const child = spawn('/bin/sh', ['-c', `exec 3>&1; { ${quoted} 2>&3; echo "exit=$?" >&3; } | head -c 100 >/dev/null`], {
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    await new Promise((resolve) => child.on('close', resolve));
    assert.match(out, /^exit=0$/m, out);
  });
});

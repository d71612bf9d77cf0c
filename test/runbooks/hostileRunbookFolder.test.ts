import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { RunbookLibraryView } from '../../shared/types/runbooks';
import { createRunbookCatalog } from '../../electron/core/runbooks/format/runbookCatalog';
import { runOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';
import { testKinds } from '../core/runbooks/format/testStepKinds';

const SECRET = 'OPSBAR-SECRET-7f3a9c';
const runbookText = (id: string) => `---\nid: ${id}\ntitle: ${id}\ncategory: daily\n---\n\n## Look\n\n\`\`\`run shell\ntrue\n\`\`\`\n`;

/**
 * A runbook folder as an attacker (or a careless operator) shapes it, read by Opsbar running as
 * root: links out of the folder, a FIFO, devices, a huge file. Returns the data dir, the folder
 * and the path of a secret outside the folder that must never be read.
 */
function hostileFolder(): { dataDir: string; folder: string } {
  const dataDir = tempDir('opsbar-hostile-');
  const folder = join(dataDir, 'runbooks');
  const outside = join(dataDir, 'outside');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  mkdirSync(outside);
  // The secret is even a valid runbook: a parse would list it, not only show a line number.
  writeFileSync(join(outside, 'secret.md'), runbookText(SECRET.toLowerCase()));
  writeFileSync(join(folder, 'plain.md'), runbookText('plain-one'));
  writeFileSync(join(folder, 'sub', 'real.md'), runbookText('linked-inside'));
  symlinkSync(join(folder, 'sub', 'real.md'), join(folder, 'inside-link.md'));
  symlinkSync('/etc/shadow', join(folder, 'shadow.md'));
  symlinkSync('/proc/self/environ', join(folder, 'environ.md'));
  symlinkSync(join(outside, 'secret.md'), join(folder, 'secret-link.md'));
  symlinkSync(outside, join(folder, 'outside-dir.md'));
  symlinkSync('/dev/null', join(folder, 'devnull.md'));
  symlinkSync('loop-b.md', join(folder, 'loop-a.md'));
  symlinkSync('loop-a.md', join(folder, 'loop-b.md'));
  execFileSync('mkfifo', [join(folder, 'fifo.md')]);
  execFileSync('mkfifo', [join(folder, 'sub', 'fifo')]);
  symlinkSync(join(folder, 'sub', 'fifo'), join(folder, 'fifo-link.md'));
  writeFileSync(join(folder, 'huge.md'), Buffer.alloc(2 * 1024 * 1024, 0x61));
  // A hard link is a regular file in the folder: it is read like one (see the report/README).
  linkSync(join(folder, 'plain.md'), join(folder, 'hard.md'));
  return { dataDir, folder };
}

function assertRefusals(view: RunbookLibraryView, folder: string): void {
  const problem = (name: string) => view.invalid.find((entry) => entry.file === join(folder, name))?.problems.map((p) => [p.line, p.message]);
  assert.deepEqual(problem('shadow.md'), [[0, 'shadow.md is a link to /etc/shadow, outside the runbook folder; not read. Copy the runbook into the folder instead.']]);
  assert.match(problem('environ.md')![0][1] as string, /^environ\.md is a link to \/proc\/\d+\/environ, outside the runbook folder; not read/);
  assert.match(problem('secret-link.md')![0][1] as string, /outside the runbook folder; not read/);
  assert.match(problem('outside-dir.md')![0][1] as string, /outside the runbook folder; not read/);
  assert.deepEqual(problem('devnull.md'), [[0, 'devnull.md is a link to /dev/null, outside the runbook folder; not read. Copy the runbook into the folder instead.']]);
  assert.deepEqual(problem('fifo.md'), [[0, 'fifo.md is a named pipe (FIFO), not a regular file; not read.']]);
  assert.deepEqual(problem('fifo-link.md'), [[0, 'fifo-link.md (through the link to fifo) is a named pipe (FIFO), not a regular file; not read.']]);
  assert.match(problem('loop-a.md')![0][1] as string, /^loop-a\.md is a link that cannot be resolved/);
  assert.match(problem('huge.md')![0][1] as string, /^The file is 2097152 bytes; a runbook may be at most/);
  // Accepted: the plain file, a link to a file inside the folder; the hard link is a duplicate id.
  assert.ok(view.runbooks.some((r) => r.id === 'linked-inside'), 'a link to a file inside the folder is read');
  assert.ok(view.runbooks.some((r) => r.id === 'plain-one'));
  const json = JSON.stringify(view);
  assert.ok(!json.toLowerCase().includes(SECRET.toLowerCase()), 'the secret outside the folder appears in the catalog');
  assert.ok(!json.includes('root:'), '/etc/shadow content appears in the catalog');
}

test('a hostile runbook folder: links out, FIFOs, devices and huge files are refused with a message each, nothing outside is read', () => {
  const { folder } = hostileFolder();
  const warnings: string[] = [];
  const catalog = createRunbookCatalog({ builtinDir: tempDir(), userDir: folder, kinds: testKinds(), watch: false, log: { info() {}, warn: (m) => warnings.push(m), error() {} } });
  assertRefusals(catalog.view(), folder);
  assert.ok(!warnings.join('\n').toLowerCase().includes(SECRET.toLowerCase()));
  // A cached list: asking again re-checks signatures but warns about nothing new.
  const before = warnings.length;
  catalog.refresh();
  catalog.refresh();
  assert.equal(warnings.length, before, 'warnings are logged once per change, not per list call');
});

test('a hostile runbook folder through the real CLI: `runbook list --json` returns and leaks nothing, not even its own environment', async () => {
  const { dataDir, folder } = hostileFolder();
  writeFileSync(join(dataDir, 'config.yaml'), `runbooks:\n  directory: ${folder}\n  scheduling: false\ndocker:\n  enabled: false\n`);
  // The child's /proc/self/environ holds the secret: a link to it must not be read.
  const result = await runOpsbar(['runbook', 'list', '--json', '--data-dir', dataDir], { OPSBAR_TEST_SECRET: SECRET });
  assert.equal(result.code, 0, result.stderr);
  assertRefusals(JSON.parse(result.stdout) as RunbookLibraryView, folder);
  assert.ok(!result.stderr.toLowerCase().includes(SECRET.toLowerCase()));
});

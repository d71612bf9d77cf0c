// `opsbar diagnostics` as a user runs it (the built CLI: `npx tsc -p tsconfig.build.json` first).
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DiagnosticsBundle } from '../../shared/types/diagnostics';
import { runOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

function dataDirWithSecrets(): string {
  const dataDir = tempDir('opsbar-diagnostics-cli-');
  writeFileSync(
    join(dataDir, 'config.yaml'),
    ['notifications:', '  webhooks:', '    - name: ops', '      url: https://hooks.slack.com/services/T0/CLIHOOKSECRET', 'http:', '  checks:', '    - name: api', '      url: https://me:CLIPASS@127.0.0.1:9/x?token=CLITOKEN'].join('\n'),
  );
  return dataDir;
}

test('opsbar diagnostics --out FILE writes the bundle (0600, no secrets) and says where; it never overwrites', async () => {
  const dataDir = dataDirWithSecrets();
  const file = join(tempDir('opsbar-diagnostics-out-'), 'bundle.json');
  const wrote = await runOpsbar(['diagnostics', '--out', file, '--data-dir', dataDir]);
  assert.equal(wrote.code, 0, wrote.stderr);
  assert.match(wrote.stdout, new RegExp(`^Wrote diagnostics to ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(\\d+ KB\\)\\. It contains no secrets: webhook URLs, tokens and passwords are removed\\. Look it over before attaching it to a bug report\\.\n$`));
  assert.equal(statSync(file).mode & 0o777, 0o600);
  const text = readFileSync(file, 'utf8');
  assert.doesNotMatch(text, /CLIHOOKSECRET|CLIPASS|CLITOKEN/);
  const bundle = JSON.parse(text) as DiagnosticsBundle;
  assert.equal(bundle.store.path, join(dataDir, 'opsbar.db'));
  assert.equal(bundle.configPath, join(dataDir, 'config.yaml'));
  assert.ok(text.includes('\n  "versions": {'), 'pretty JSON');

  const again = await runOpsbar(['diagnostics', '--out', file, '--data-dir', dataDir]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already exists; Opsbar does not overwrite it/);
  assert.equal(readFileSync(file, 'utf8'), text, 'the existing file is untouched');
});

test('opsbar diagnostics with --out - (or no --out) prints the bundle; a missing folder is a clear error', async () => {
  const dataDir = dataDirWithSecrets();
  for (const args of [['--out', '-'], []]) {
    const printed = await runOpsbar(['diagnostics', ...args, '--data-dir', dataDir]);
    assert.equal(printed.code, 0, printed.stderr);
    assert.doesNotMatch(printed.stdout, /CLIHOOKSECRET|CLIPASS|CLITOKEN/);
    assert.equal((JSON.parse(printed.stdout) as DiagnosticsBundle).versions.node, process.versions.node);
  }
  const missing = await runOpsbar(['diagnostics', '--out', join(dataDir, 'nope', 'b.json'), '--data-dir', dataDir]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /its folder does not exist/);
});

// Runbook runs and every step command they execute are audit rows (real catalog, shell kind and processes).
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { systemClock } from '../../../electron/core/clock';
import { createProcessRunner } from '../../../electron/core/process/spawnProcessRunner';
import { createRunbookCatalog } from '../../../electron/core/runbooks/format/runbookCatalog';
import { builtInStepKinds } from '../../../electron/core/runbooks/steps/builtInStepKinds';
import { stepKindRegistry } from '../../../electron/core/runbooks/steps/registry';
import { tempDir } from '../../support/tempDir';
import { harness, services } from '../runbooks/run/runbookRunnerHarness';

const kinds = stepKindRegistry(builtInStepKinds);

test('a runbook run writes runbook.start, one runbook.step per command (its text and exit code), and runbook.end', async () => {
  const dir = tempDir('opsbar-audit-');
  const books = join(dir, 'runbooks');
  mkdirSync(books);
  const step = (title: string, info: string, body: string) => `\n## ${title}\n\n\`\`\`run shell ${info}\n${body}\n\`\`\`\n`;
  writeFileSync(
    join(books, 'audited.md'),
    '---\nid: audited\ntitle: Audited\ncategory: daily\n---\n\nIntro.\n' +
      step('Say hello', '', 'echo hello') +
      step('Fails but goes on', 'expect-exit=0 on-failure=continue', 'exit 3') +
      '\n## Read this\n\nNothing to run.\n',
  );
  const catalog = createRunbookCatalog({ builtinDir: books, userDir: null, kinds });
  assert.deepEqual(catalog.view().invalid, []);
  const h = harness({ catalog, clock: systemClock, kinds, services: services(createProcessRunner({ killGraceMs: 500 }), dir), dir });
  const run = h.runner.start({ runbookId: 'audited', hash: catalog.get('audited')!.hash, params: {}, mode: 'auto', trigger: 'cli', startedBy: 'cli' });
  const done = await h.runner.settled(run.id);
  assert.equal(done.state, 'succeeded', done.summary);

  const rows = h.store.auditLog.query({ kind: 'runbook', limit: 20 }).reverse();
  assert.deepEqual(
    rows.map((r) => [r.action, r.target, r.outcome, r.details.command ?? null, r.details.exitCode ?? null]),
    [
      ['runbook.start', `audited#${run.id}`, 'confirmed', null, null],
      ['runbook.step', `audited#${run.id}`, 'succeeded', 'echo hello', 0],
      ['runbook.step', `audited#${run.id}`, 'failed', 'exit 3', 3],
      ['runbook.end', `audited#${run.id}`, 'succeeded', null, null],
    ],
  );
  assert.ok(rows.every((r) => r.actor === 'cli'));
  assert.equal(rows[2].details.stepId, done.attempts[1].stepId);
});

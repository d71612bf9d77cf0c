// A health check URL may hold a password or a token: settings.get shows it redacted, a proposal
// carrying the redacted form back keeps the stored URL, and no answer, proposal, audit row or log
// line holds it whole. Through the core's real handler table and config file.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { Envelope } from '../../../shared/api/envelope';
import type { SettingsView } from '../../../shared/config/settingsSchema';
import { createOpsbarCore } from '../../../electron/core/createCore';
import { TestClock } from '../../support/testClock';
import { tempDir } from '../../support/tempDir';

function value<T>(envelope: Envelope<unknown>): T {
  assert.ok(envelope.ok, `expected ok, got ${JSON.stringify(envelope)}`);
  return envelope.value as T;
}

test('check URLs are redacted in settings.get and proposals, kept on a round trip, and absent from answers, audit rows and logs', async () => {
  const dataDir = tempDir('opsbar-http-secret-');
  const stored = 'http://admin:HUNTER2PASS@127.0.0.1:9/health?token=TOKENSECRET&x=1';
  writeFileSync(join(dataDir, 'config.yaml'), ['http:', '  checks:', '    - name: api', `      url: "${stored}"`].join('\n'));
  const logs: string[] = [];
  const log = { info: (m: string) => void logs.push(m), warn: (m: string) => void logs.push(m), error: (m: string) => void logs.push(m) };
  const core = createOpsbarCore({ dataDir, clock: new TestClock(), log, modules: [] });
  const call = (method: string, payload: unknown) => core.dispatch(method, payload, { caller: 'dashboard' });
  const answers: unknown[] = [];

  const view = value<SettingsView>(await call('settings.get', {}));
  answers.push(view);
  const [check] = view.settings.http.checks;
  assert.equal(check.name, 'api');
  assert.notEqual(check.url, stored);

  // The page's "Add" sends the stored list back (redacted) with one more check.
  const patch = { http: { checks: [check, { name: 'web', url: 'http://127.0.0.1:10/health' }] } };
  assert.equal((await call('settings.update', patch)).ok, false, 'http.checks is guarded');
  const proposal = value<{ changeId: string }>(await call('settings.propose', { patch }));
  answers.push(proposal);
  answers.push(value(await call('settings.confirm', { changeId: proposal.changeId })));
  assert.equal(core.settings().http.checks[0].url, stored, 'the stored URL stays');
  assert.equal(core.settings().http.checks[1].name, 'web');
  assert.match(readFileSync(join(dataDir, 'config.yaml'), 'utf8'), /HUNTER2PASS/);
  answers.push(value(await call('settings.get', {})));

  await core.stop();
  const db = new Database(join(dataDir, 'opsbar.db'), { readonly: true });
  const audit = db.prepare('SELECT action, target, details FROM audit ORDER BY id').all();
  db.close();
  assert.ok(JSON.stringify(audit).includes('settings.'), 'the change is audited');
  assert.doesNotMatch(JSON.stringify({ answers, audit, logs }), /HUNTER2PASS|TOKENSECRET/);
});

// A webhook URL is a secret: settings.get shows it redacted, an update carrying the redacted form
// back keeps the stored URL, and neither the answers, the audit rows, a proposal nor the log
// ever hold it whole. Through the core's real handler table and config file.
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

test('webhook URLs are redacted in settings.get, kept on a round trip, and absent from answers, audit rows, proposals and logs', async () => {
  const dataDir = tempDir('opsbar-webhook-secret-');
  writeFileSync(
    join(dataDir, 'config.yaml'),
    ['notifications:', '  webhooks:', '    - name: ops', '      kind: slack', '      url: https://hooks.example.com/services/T0/OLDSECRET?k=OLDSECRET'].join('\n'),
  );
  const logs: string[] = [];
  const log = { info: (m: string) => void logs.push(m), warn: (m: string) => void logs.push(m), error: (m: string) => void logs.push(m) };
  const core = createOpsbarCore({ dataDir, clock: new TestClock(), log, modules: [] });
  const call = (method: string, payload: unknown) => core.dispatch(method, payload, { caller: 'dashboard' });
  const answers: unknown[] = [];
  const config = () => readFileSync(join(dataDir, 'config.yaml'), 'utf8');

  const view = value<SettingsView>(await call('settings.get', {}));
  answers.push(view);
  const [hook] = view.settings.notifications.webhooks;
  assert.equal(hook.url, 'https://hooks.example.com/services/…');

  // Webhooks are a guarded setting: a plain update is refused, a proposal confirmed applies.
  const refused = await call('settings.update', { notifications: { webhooks: [{ ...hook, minSeverity: 'critical' }] } });
  assert.equal(refused.ok, false);
  answers.push(refused);
  const change = async (patch: unknown) => {
    const proposal = value<{ changeId: string }>(await call('settings.propose', { patch }));
    answers.push(proposal);
    answers.push(value(await call('settings.confirm', { changeId: proposal.changeId })));
  };

  // The settings page sends the whole list back, the URL still redacted: the stored one stays.
  await change({ notifications: { webhooks: [{ ...hook, minSeverity: 'critical' }] } });
  assert.match(config(), /OLDSECRET/);
  assert.equal(core.settings().notifications.webhooks[0].url, 'https://hooks.example.com/services/T0/OLDSECRET?k=OLDSECRET');
  assert.equal(core.settings().notifications.webhooks[0].minSeverity, 'critical');

  // A new URL replaces it, and is shown redacted from then on.
  await change({ notifications: { webhooks: [{ ...hook, url: 'https://hooks.example.com/services/T1/NEWSECRET' }] } });
  assert.match(config(), /NEWSECRET/);
  answers.push(value(await call('settings.propose', { patch: { notifications: { webhooks: [{ name: 'ops', url: 'https://ntfy.example/PROPOSEDSECRET' }] } } })));
  answers.push(value(await call('notifications.channels', {})));
  answers.push(value(await call('settings.get', {})));

  await core.stop();
  const db = new Database(join(dataDir, 'opsbar.db'), { readonly: true });
  const audit = db.prepare('SELECT action, target, details FROM audit ORDER BY id').all() as { action: string; target: string; details: string }[];
  db.close();
  assert.ok(audit.filter((a) => a.action === 'settings.propose').length >= 3, JSON.stringify(audit.map((a) => a.action)));
  assert.ok(audit.some((a) => /https:\/\/hooks\.example\.com\/services\/…/.test(a.details)), 'the audit shows the redacted URL');
  const everything = JSON.stringify({ answers, audit, logs });
  assert.doesNotMatch(everything, /OLDSECRET|NEWSECRET|PROPOSEDSECRET|T0|T1/);
});

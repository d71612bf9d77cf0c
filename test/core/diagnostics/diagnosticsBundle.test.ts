// The diagnostics bundle from a real core on a real config file and SQLite store: what a user
// attaches to a bug report must hold no secret, wherever it was configured.
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DiagnosticsBundle } from '../../../shared/types/diagnostics';
import { createOpsbarCore } from '../../../electron/core/createCore';
import { silentLogger } from '../../../electron/core/logger';
import { SCHEMA_VERSION } from '../../../electron/core/store/migrations';
import { TestClock } from '../../support/testClock';
import { tempDir } from '../../support/tempDir';

const SECRETS = ['WEBHOOKPATHSECRET', 'abc123tokenvalue', 'hunter2pass', 'sk-live-ENVKEYVALUE-0001', 'NTFYTOPICSECRET'];

const CONFIG = [
  'monitoring:',
  '  systemIntervalMs: "fast"',
  'notifications:',
  '  webhooks:',
  '    - name: ops',
  '      kind: slack',
  `      url: https://hooks.slack.com/services/T0/${SECRETS[0]}`,
  '    - name: phone',
  '      kind: ntfy',
  `      url: https://ntfy.example.org/${SECRETS[4]}`,
  'http:',
  '  checks:',
  '    - name: api',
  `      url: https://admin:${SECRETS[2]}@api.example.org/health?token=${SECRETS[1]}&verbose=1`,
  'models:',
  '  autodetect: false',
  '  endpoints:',
  '    - url: http://127.0.0.1:9/v1',
  '      kind: vllm',
  '      name: local',
  '      apiKeyEnv: OPSBAR_DIAG_TEST_KEY',
].join('\n');

test('a bundle from a real core: versions, settings without any secret, problems, status, store health', async () => {
  process.env.OPSBAR_DIAG_TEST_KEY = SECRETS[3];
  const dataDir = tempDir('opsbar-diagnostics-');
  writeFileSync(join(dataDir, 'config.yaml'), CONFIG);
  const clock = new TestClock();
  const core = createOpsbarCore({ dataDir, clock, log: silentLogger, modules: [], electronVersion: '45.0.0' });
  try {
    const envelope = await core.dispatch('diagnostics.bundle', {}, { caller: 'dashboard' });
    assert.ok(envelope.ok, JSON.stringify(envelope));
    const bundle = envelope.value as DiagnosticsBundle;
    const text = JSON.stringify(bundle);
    for (const secret of SECRETS) assert.equal(text.includes(secret), false, `${secret} leaked`);
    // The NAME of the API key's variable is fine (it says where the key comes from).
    assert.match(text, /OPSBAR_DIAG_TEST_KEY/);

    assert.equal(bundle.versions.node, process.versions.node);
    assert.equal(bundle.versions.electron, '45.0.0');
    assert.match(bundle.versions.opsbar, /^\d+\.\d+\.\d+/);
    assert.equal(bundle.versions.platform, process.platform);
    assert.equal(bundle.createdAt, clock.now());

    const settings = bundle.settings as { notifications: { webhooks: { name: string; url: string }[] }; http: { checks: { url: string }[] } };
    assert.deepEqual(
      settings.notifications.webhooks.map((w) => [w.name, w.url]),
      [
        ['ops', '[redacted]'],
        ['phone', '[redacted]'],
      ],
    );
    assert.match(settings.http.checks[0].url, /^https:\/\/\[redacted\]@api\.example\.org\//);
    assert.ok(bundle.configProblems.some((p) => p.path.startsWith('monitoring.systemIntervalMs')), JSON.stringify(bundle.configProblems));
    assert.equal(bundle.configPath, join(dataDir, 'config.yaml'));

    assert.equal(bundle.store.path, join(dataDir, 'opsbar.db'));
    assert.equal(bundle.store.writable, true);
    assert.equal(bundle.store.lastError, null);
    assert.equal(bundle.store.schemaVersion, SCHEMA_VERSION);
    assert.ok(bundle.store.sizeBytes !== null && bundle.store.sizeBytes >= statSync(join(dataDir, 'opsbar.db')).size);

    assert.ok(Array.isArray(bundle.events) && bundle.events.length <= 200);
    assert.ok(Array.isArray(bundle.errors) && Array.isArray(bundle.actions));
    assert.ok(bundle.status && typeof bundle.status === 'object');
    assert.ok((bundle.alerts as { alerts: unknown[] }).alerts);
  } finally {
    await core.stop();
    delete process.env.OPSBAR_DIAG_TEST_KEY;
  }
});

test('an in-memory history says so: no file, no size, no schema version', async () => {
  const dataDir = tempDir('opsbar-diagnostics-mem-');
  const core = createOpsbarCore({ dataDir, clock: new TestClock(), log: silentLogger, modules: [], history: 'memory' });
  try {
    const bundle = await core.diagnostics();
    assert.deepEqual(bundle.store, { path: ':memory:', writable: true, lastError: null, sizeBytes: null, schemaVersion: null });
    assert.deepEqual(bundle.configProblems, []);
  } finally {
    await core.stop();
  }
});

test("the core's warnings reach the bundle's errors, newest first, with their secrets removed", async () => {
  const dataDir = tempDir('opsbar-diagnostics-errors-');
  // An unknown section is warned about at start, its name quoted: here a URL with a password.
  writeFileSync(join(dataDir, 'config.yaml'), ['"https://ops:WARNEDPASSWORD@git.example.org/?token=WARNEDTOKEN": 1', 'monitoring:', '  systemIntervalMs: "fast"'].join('\n'));
  const heard: string[] = [];
  const log = { info() {}, warn: (m: string) => void heard.push(m), error: (m: string) => void heard.push(m) };
  const core = createOpsbarCore({ dataDir, clock: new TestClock(), log, modules: [] });
  try {
    await core.start();
    const bundle = await core.diagnostics();
    assert.ok(heard.some((m) => m.includes('WARNEDPASSWORD')), 'the logger itself hears the message as it was');
    const unknown = bundle.errors.find((e) => e.message.includes('Unknown section'));
    assert.ok(unknown, JSON.stringify(bundle.errors));
    assert.equal(unknown.level, 'warn');
    assert.match(unknown.message, /git\.example\.org/);
    assert.ok(bundle.errors.some((e) => e.message.includes('monitoring.systemIntervalMs')));
    assert.doesNotMatch(JSON.stringify(bundle), /WARNEDPASSWORD|WARNEDTOKEN/);
  } finally {
    await core.stop();
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../../../shared/config/settingsSchema';
import { redactHttpCheckUrls, redactHttpChecksChangeValue, restoreHttpCheckUrls } from '../../../../electron/core/monitors/http/httpSettingsSecrets';

const SECRET_URL = 'https://ops:hunter2@nas.local/health?token=abc123';

function settingsWithCheck() {
  const settings = defaultSettings();
  settings.http.checks = [{ name: 'nas', url: SECRET_URL, expectStatus: 200, timeoutMs: 5000, intervalMs: 30000, failuresBeforeAlert: 3 }];
  return settings;
}

test('the renderer sees check URLs redacted; sending the list back (plus a new check) keeps the stored URL', () => {
  const settings = settingsWithCheck();
  const shown = redactHttpCheckUrls(settings);
  assert.equal(shown.http.checks[0].url, 'https://redacted:redacted@nas.local/health?token=redacted');
  assert.equal(settings.http.checks[0].url, SECRET_URL, 'the stored settings are untouched');
  const patch = { http: { checks: [...shown.http.checks, { name: 'api', url: 'http://127.0.0.1:8080/health' }] } };
  const restored = restoreHttpCheckUrls(settings, patch);
  assert.deepEqual(restored.http.checks.map((c) => c.url), [SECRET_URL, 'http://127.0.0.1:8080/health']);
  // An edited URL is taken as written.
  const edited = restoreHttpCheckUrls(settings, { http: { checks: [{ name: 'nas', url: 'https://nas.local/other' }] } });
  assert.equal(edited.http.checks[0].url, 'https://nas.local/other');
});

test('proposals and audit rows show check URLs redacted', () => {
  const value = redactHttpChecksChangeValue('http.checks', settingsWithCheck().http.checks) as { url: string }[];
  assert.equal(value[0].url, 'https://redacted:redacted@nas.local/health?token=redacted');
  assert.equal(redactHttpChecksChangeValue('docker.endpoint', 'tcp://x'), 'tcp://x');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../../../shared/config/settingsSchema';
import { ruleFor } from '../../../../electron/core/alerts/defaultRules';

test('http.down fires at once (the failures in a row are the debounce) and recovers at the first good answer; the config may say otherwise', () => {
  const settings = defaultSettings();
  const rule = ruleFor('http.down', settings.alerts);
  assert.deepEqual([rule.enabled, rule.forMs, rule.clearForMs, rule.severity], [true, 0, 0, null]);
  settings.alerts.rules['http.down'] = { clearFor: 120_000, severity: 'warning' };
  const configured = ruleFor('http.down', settings.alerts);
  assert.deepEqual([configured.forMs, configured.clearForMs, configured.severity], [0, 120_000, 'warning']);
});

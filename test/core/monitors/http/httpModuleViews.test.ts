// The module's pure parts: assessment before any answer, tray lines, text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultSettings } from '../../../../shared/config/settingsSchema';
import type { HttpCheckView } from '../../../../shared/types/http';
import { httpChecks } from '../../../../electron/core/monitors/http/httpChecks';
import { httpModule } from '../../../../electron/core/monitors/http/httpModule';
import { httpText } from '../../../../electron/core/monitors/http/httpText';
import { httpTrayLines } from '../../../../electron/core/monitors/http/httpTrayLines';

function view(name: string, failures: number, overrides: Partial<HttpCheckView> = {}): HttpCheckView {
  return {
    name,
    url: `http://127.0.0.1:8080/${name}`,
    expectStatus: 200,
    last: failures === 0 ? { at: 5, outcome: 'up', status: 200, latencyMs: 3.4, detail: 'answered 200', bodyStart: null } : { at: 5, outcome: 'wrong-answer', status: 502, latencyMs: 8, detail: 'answered 502, expected 200', bodyStart: 'Bad gateway' },
    consecutiveFailures: failures,
    failuresBeforeAlert: 3,
    down: false,
    since: 1,
    severity: 'ok',
    ...overrides,
  };
}

test('before a first answer (or when the collector failed) each configured check is listed as unknown', () => {
  const settings = defaultSettings();
  settings.http.checks = [{ name: 'api', url: 'http://u:p@h/health', expectStatus: 200, timeoutMs: 5000, intervalMs: 30000, failuresBeforeAlert: 3 }];
  const { snapshot, checks } = httpModule.assess({ snapshot: null, error: null, enabled: true, settings, at: 9 });
  assert.deepEqual(snapshot.checks.map((c) => [c.name, c.url, c.severity, c.last]), [['api', 'http://redacted:redacted@h/health', 'unknown', null]]);
  assert.deepEqual(checks.map((c) => [c.id, c.severity]), [['http', 'unknown']]);
  assert.deepEqual(httpModule.assess({ snapshot: null, error: null, enabled: false, settings, at: 9 }), { snapshot: { at: 9, checks: [] }, checks: [] });
});

test('tray: failing checks worst first; all up is one line', () => {
  const all = httpChecks({ at: 5, checks: [view('a', 0), view('b', 0)] });
  assert.deepEqual(httpTrayLines(all), [{ label: 'Health checks · 2 of 2 up', severity: 'ok' }]);
  const some = httpChecks({ at: 5, checks: [view('a', 0), view('b', 1), view('c', 4)] });
  assert.deepEqual(httpTrayLines(some), [
    { label: 'c · down (4 failures)', severity: 'critical' },
    { label: 'b · failing 1 of 3', severity: 'warning' },
  ]);
});

test('text: one line a check with its state, the body start below; nothing in `status` without checks', () => {
  const { snapshot } = httpChecks({ at: 5, checks: [view('a', 0), view('b', 3)] });
  assert.equal(
    httpText(snapshot, 'alone'),
    ['Health checks:', '  "a" http://127.0.0.1:8080/a: up (answered 200, 3 ms)', '  "b" http://127.0.0.1:8080/b: DOWN (3 of 3 failures): answered 502, expected 200, 8 ms', '    body starts: Bad gateway'].join('\n'),
  );
  assert.equal(httpText({ at: 5, checks: [] }, 'status'), null);
});

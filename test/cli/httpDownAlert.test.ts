// Done when: "a health URL that stops answering alerts after three failures". A real `opsbar
// serve` checks a real local server each second; the server closes → after three failures in a
// row `http.down` fires for the check; the server comes back → the alert resolves.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventually } from '../support/eventually';
import { callApi, serveOpsbar, type ServedOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';
import { startTestServer } from '../core/monitors/http/httpTestServer';

interface Alert {
  kind: string;
  subject: string;
  state: string;
  severity: string;
  group: string | null;
  summary: string;
}

async function httpDown(served: ServedOpsbar): Promise<Alert | undefined> {
  const reply = await callApi(served, 'alerts.list');
  assert.ok(reply.ok, JSON.stringify(reply.error));
  return (reply.value.alerts as Alert[]).find((a) => a.kind === 'http.down' && a.subject === 'demo-health');
}

test('opsbar serve: a health URL that stops answering alerts after three failures, and resolves when it answers again', async (t) => {
  let server = await startTestServer((_req, res) => res.end('ok'));
  const port = server.port;
  t.after(() => server.close());
  const dataDir = tempDir('opsbar-http-down-');
  writeFileSync(
    join(dataDir, 'config.yaml'),
    ['docker:', '  enabled: false', 'gpu:', '  enabled: false', 'models:', '  enabled: false', 'http:', '  checks:', '    - name: demo-health', `      url: http://127.0.0.1:${port}/health`, '      intervalMs: 1000', '      timeoutMs: 500', ''].join('\n'),
  );
  const served = await serveOpsbar(dataDir);
  t.after(() => served.stop());

  const up = await eventually('the check to answer', async () => {
    const snap = (await callApi(served, 'http.snapshot')).value;
    return snap?.checks?.[0]?.last?.outcome === 'up' && snap.checks[0];
  });
  assert.equal(up.url, `http://127.0.0.1:${port}/health`);
  assert.equal(up.failuresBeforeAlert, 3);
  assert.equal(await httpDown(served), undefined);

  await server.close();
  // Each failure in a row is seen on the way (1 of 3, 2 of 3) without an alert, then the third fires it.
  const counts = new Set<number>();
  const firing = await eventually('http.down to fire', async () => {
    // The alert first, then the (newer) check: a firing alert with a check not yet down would be a bug.
    const alert = await httpDown(served);
    const view = (await callApi(served, 'http.snapshot')).value.checks[0];
    if (!view.down) {
      counts.add(view.consecutiveFailures);
      assert.equal(alert?.state === 'firing', false, `no alert at ${view.consecutiveFailures} failures`);
    }
    return alert?.state === 'firing' && { alert, view };
  });
  assert.ok(firing.view.consecutiveFailures >= 3);
  assert.equal(firing.alert.severity, 'critical');
  assert.equal(firing.alert.group, 'http:demo-health');
  assert.match(firing.alert.summary, /^demo-health is down: connection refused/);
  assert.ok(![...counts].some((n) => n >= 3), `seen before firing: ${[...counts]}`);

  server = await startTestServer((_req, res) => res.end('ok'), undefined, port);
  const resolved = await eventually('http.down to resolve', async () => {
    const alert = await httpDown(served);
    return alert?.state === 'resolved' && alert;
  });
  assert.equal(resolved.subject, 'demo-health');
  const back = (await callApi(served, 'http.snapshot')).value.checks[0];
  assert.equal(back.consecutiveFailures, 0);
  assert.equal(back.down, false);
});

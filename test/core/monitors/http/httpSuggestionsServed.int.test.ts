// A real `opsbar serve` on the real Docker engine suggests a check for a container whose published
// port answers /health (busybox httpd in a container), and adding it through the guarded settings
// change (propose → confirm, as the page's "Add" does) makes it a running check that is up.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { removeTestStacks, requireDocker, TEST_IMAGE, TEST_LABEL, testDocker } from '../../../support/dockerEngine';
import { eventually } from '../../../support/eventually';
import { callApi, serveOpsbar } from '../../../support/opsbarProcess';
import { tempDir } from '../../../support/tempDir';

after(() => removeTestStacks());

test('a container port answering /health is suggested; "Add" (propose → confirm) makes it a check that is up', async (t) => {
  if (!(await requireDocker(t))) return;
  const name = `opsbar-t${process.pid}-health-api`;
  const container = await testDocker().createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', `mkdir -p /www && echo '{"status":"ok"}' > /www/health && exec httpd -f -p 8080 -h /www`],
    Labels: { [TEST_LABEL]: '1', 'opsbar.test.pid': String(process.pid) },
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    StopTimeout: 1,
  });
  await container.start();
  const hostPort = Number((await container.inspect()).NetworkSettings.Ports['8080/tcp']?.[0]?.HostPort);
  await eventually('httpd in the container to answer', async () => (await fetch(`http://127.0.0.1:${hostPort}/health`).catch(() => null))?.ok === true);

  const dataDir = tempDir('opsbar-http-suggest-');
  writeFileSync(join(dataDir, 'config.yaml'), ['gpu:', '  enabled: false', 'models:', '  enabled: false', ''].join('\n'));
  const served = await serveOpsbar(dataDir);
  t.after(() => served.stop());

  const url = `http://127.0.0.1:${hostPort}/health`;
  const suggestion = await eventually('the container port to be suggested', async () => {
    const reply = await callApi(served, 'http.suggestions');
    assert.ok(reply.ok, JSON.stringify(reply.error));
    return (reply.value as { url: string; name: string; reason: string; configured: boolean; expectStatus: number }[]).find((s) => s.url === url);
  });
  assert.equal(suggestion.name, `${name} ${hostPort}`);
  assert.equal(suggestion.reason, `container ${name} publishes ${hostPort} and answers /health with 200`);
  assert.equal(suggestion.configured, false);

  const proposal = await callApi(served, 'settings.propose', { patch: { http: { checks: [{ name: suggestion.name, url: suggestion.url, expectStatus: suggestion.expectStatus }] } } });
  assert.ok(proposal.ok, JSON.stringify(proposal.error));
  assert.equal(proposal.value.changes.find((c: { path: string }) => c.path === 'http.checks')?.guarded, true);
  assert.equal((await callApi(served, 'http.snapshot')).value.checks.length, 0, 'nothing applies before the confirmation');
  const confirmed = await callApi(served, 'settings.confirm', { changeId: proposal.value.changeId });
  assert.ok(confirmed.ok, JSON.stringify(confirmed.error));

  const check = await eventually('the added check to answer', async () => {
    const view = (await callApi(served, 'http.snapshot')).value.checks.find((c: { name: string }) => c.name === suggestion.name);
    return view?.last?.outcome === 'up' && view;
  });
  assert.equal(check.last.status, 200);
  const again = (await callApi(served, 'http.suggestions')).value.find((s: { url: string }) => s.url === url);
  assert.equal(again.configured, true);
});

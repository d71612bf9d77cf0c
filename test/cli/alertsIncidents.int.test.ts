// End to end on the real Docker engine and the real `opsbar serve` (no Electron): a container
// turning unhealthy opens an incident, its recovery resolves it with a time to recover, a webhook
// receiver on loopback gets exactly one firing and one recovery, and a silenced subject sends
// nothing; a container in a restart loop is one alert and one incident with Docker's restart count.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type Dockerode from 'dockerode';
import { createTestStack, removeTestStacks, requireDocker } from '../support/dockerEngine';
import { eventually } from '../support/eventually';
import { callApi, serveOpsbar, type ServedOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

after(() => removeTestStacks());

interface Received {
  reason: string;
  alertKey: string | null;
  incidentId: number | null;
  title: string;
}

/** A webhook receiver on loopback: every JSON body it was sent. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        received.push(JSON.parse(body) as Received);
      } catch {
        received.push({ reason: 'unparsable', alertKey: null, incidentId: null, title: body.slice(0, 200) });
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

async function exec(container: Dockerode.Container, cmd: string[]): Promise<void> {
  const run = await container.exec({ Cmd: cmd });
  await run.start({ Detach: true });
  await eventually(`${cmd.join(' ')} to finish`, async () => (await run.inspect()).Running === false);
}

function writeConfig(dataDir: string, webhookUrl: string): void {
  writeFileSync(
    join(dataDir, 'config.yaml'),
    [
      'monitoring:',
      '  dockerIntervalMs: 1000',
      'gpu:',
      '  enabled: false',
      'models:',
      '  enabled: false',
      'alerts:',
      '  rules:',
      // A warning, so that a silence holds it back (silences never hold back critical news).
      '    container.unhealthy: { severity: warning, for: 0s, clearFor: 0s }',
      'notifications:',
      '  desktop: false',
      '  webhooks:',
      `    - { name: hook, kind: json, url: "${webhookUrl}" }`,
      '',
    ].join('\n'),
  );
}

async function incidentsOf(served: ServedOpsbar, kind: string, subject: string) {
  const list = await callApi(served, 'incidents.list', { state: 'all' });
  assert.ok(list.ok, JSON.stringify(list.error));
  const matching = [];
  for (const summary of list.value as { id: number }[]) {
    const detail = await callApi(served, 'incidents.get', { id: summary.id });
    if (detail.value.alerts.some((a: { kind: string; subject: string }) => a.kind === kind && a.subject === subject)) matching.push(detail.value);
  }
  return matching;
}

test('an unhealthy container opens an incident, its recovery resolves it with TTR, the webhook gets firing and recovery once each, a silenced one nothing', async (t) => {
  if (!(await requireDocker(t))) return;
  const receiver = await startReceiver();
  t.after(() => receiver.server.close());
  const dataDir = tempDir('opsbar-alerts-e2e-');
  writeConfig(dataDir, receiver.url);

  const healthcheck = { test: ['CMD-SHELL', 'test -f /tmp/ok'], intervalMs: 500, retries: 1 };
  const command = ['sh', '-c', 'touch /tmp/ok; exec sleep 3600'];
  // Two stacks: alerts of one stack join one incident, and the silenced one must not keep api's open.
  const stack = await createTestStack(`alerts${process.pid}`, [{ name: 'api', command, healthcheck }]);
  const other = await createTestStack(`quiet${process.pid}`, [{ name: 'quiet', command, healthcheck }]);
  const api = stack.get('api');
  const quiet = other.get('quiet');

  const served = await serveOpsbar(dataDir);
  t.after(() => served.stop());
  const silence = await callApi(served, 'silences.add', { kind: 'container.unhealthy', subject: quiet.name, forMs: 3_600_000, reason: 'e2e: known bad' });
  assert.ok(silence.ok, JSON.stringify(silence.error));

  await eventually('both containers healthy in the status', async () => {
    const stacks = (await callApi(served, 'docker.stacks')).value?.stacks ?? [];
    const mine = stacks.filter((s: { name: string }) => s.name === stack.project || s.name === other.project);
    return mine.length === 2 && mine.every((s: { containers: { health: string }[] }) => s.containers.every((c) => c.health === 'healthy'));
  });

  await exec(api.container, ['rm', '-f', '/tmp/ok']);
  await exec(quiet.container, ['rm', '-f', '/tmp/ok']);
  const key = `container.unhealthy|${api.name}`;
  const [opened] = await eventually('an incident for the unhealthy container', async () => {
    const found = await incidentsOf(served, 'container.unhealthy', api.name);
    return found.length > 0 && found;
  });
  assert.equal(opened.state, 'open');
  await eventually('the firing notification', () => receiver.received.some((m) => m.alertKey === key && m.reason === 'firing'));
  await eventually('the silenced container to fire too', async () => {
    const alerts = (await callApi(served, 'alerts.list')).value.alerts;
    return alerts.some((a: { key: string; state: string; silence: unknown }) => a.key === `container.unhealthy|${quiet.name}` && a.state === 'firing' && a.silence);
  });

  await exec(api.container, ['touch', '/tmp/ok']);
  const resolved = await eventually('the incident to resolve', async () => {
    const [incident] = await incidentsOf(served, 'container.unhealthy', api.name);
    return incident?.state === 'resolved' && incident;
  });
  assert.equal(resolved.id, opened.id, 'the same incident resolved');
  assert.ok(resolved.ttrMs > 0, `time to recover: ${resolved.ttrMs}`);
  assert.equal(resolved.resolvedBy, 'auto');
  await eventually('the recovery notification', () => receiver.received.some((m) => m.alertKey === key && m.reason === 'recovered'));

  // A test message goes through the same channel after everything before it: once it is in, nothing else is queued.
  const tested = await callApi(served, 'notifications.test', { channel: 'webhook:hook' });
  assert.ok(tested.ok, JSON.stringify(tested.error));
  await eventually('the test message', () => receiver.received.some((m) => m.reason === 'test'));
  const mine = receiver.received.filter((m) => m.alertKey === key).map((m) => m.reason);
  assert.deepEqual(mine, ['firing', 'recovered']);
  assert.equal(receiver.received.filter((m) => m.alertKey === `container.unhealthy|${quiet.name}`).length, 0, 'the silenced container sent nothing');
  assert.ok(receiver.received.filter((m) => m.alertKey === key).every((m) => m.incidentId === opened.id), 'notifications name their incident');
});

test('a container in a restart loop is one alert and one incident with the restart count Docker reports', async (t) => {
  if (!(await requireDocker(t))) return;
  const receiver = await startReceiver();
  t.after(() => receiver.server.close());
  const dataDir = tempDir('opsbar-restart-loop-');
  writeConfig(dataDir, receiver.url);
  const served = await serveOpsbar(dataDir);
  t.after(() => served.stop());
  await eventually('Docker read once', async () => (await callApi(served, 'docker.stacks')).value?.available === true);

  // Exits at once; Docker restarts it with its doubling back-off (0.1 s, 0.2 s, 0.4 s…).
  const stack = await createTestStack(`loop${process.pid}`, [{ name: 'loop', command: ['sh', '-c', 'sleep 0.2; exit 3'], restart: 'always' }]);
  const loop = stack.get('loop');
  const key = `container.restart_loop|${loop.name}`;
  await eventually('a restart-loop alert', async () => {
    const alerts = (await callApi(served, 'alerts.list')).value.alerts;
    return alerts.some((a: { key: string; state: string }) => a.key === key && a.state === 'firing');
  });

  // Stop the loop, then the alert's count must settle on Docker's own count of restarts.
  await loop.container.update({ RestartPolicy: { Name: 'no' } });
  await eventually('the container to stay stopped', async () => {
    const { State } = await loop.container.inspect();
    return !State.Running && !State.Restarting;
  }, { everyMs: 200 });
  const restarts = (await loop.container.inspect()).RestartCount;
  assert.ok(restarts >= 3, `Docker restarted it ${restarts} times`);
  const alert = await eventually('the alert to count every restart', async () => {
    const alerts = (await callApi(served, 'alerts.list')).value.alerts;
    const found = alerts.find((a: { key: string }) => a.key === key);
    return found?.count === restarts && found;
  });
  const loopAlerts = (await callApi(served, 'alerts.list')).value.alerts.filter((a: { subject: string; kind: string }) => a.subject === loop.name && a.kind === 'container.restart_loop');
  assert.equal(loopAlerts.length, 1, 'one restart-loop alert');
  const incidents = await incidentsOf(served, 'container.restart_loop', loop.name);
  assert.equal(incidents.length, 1, 'one incident');
  assert.equal(incidents[0].id, alert.incidentId);
  assert.match(incidents[0].title, new RegExp(`${loop.name}.*restarted \\d+ times`));
});

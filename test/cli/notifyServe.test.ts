// `opsbar serve` notifies with no Electron at all: a webhook in config.yaml, a test sent over the
// HTTP API, a real receiver on loopback, and the channel's redacted target and last delivery.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventually } from '../support/eventually';
import { callApi, serveOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';
import { startReceiver } from '../core/notifications/webhookReceiver';

test('opsbar serve: notifications.test reaches a webhook receiver; notifications.channels shows the delivery, the URL redacted', async () => {
  const receiver = await startReceiver();
  const dataDir = tempDir('opsbar-notify-serve-');
  writeFileSync(
    join(dataDir, 'config.yaml'),
    [
      'docker:',
      '  enabled: false',
      'gpu:',
      '  enabled: false',
      'models:',
      '  enabled: false',
      'notifications:',
      '  webhooks:',
      '    - name: ops',
      '      kind: json',
      `      url: ${receiver.url('/hook/SERVESECRET?token=SERVESECRET')}`,
      '',
    ].join('\n'),
  );
  const served = await serveOpsbar(dataDir);
  try {
    const answer = await callApi(served, 'notifications.test', { channel: 'webhook:ops' });
    assert.ok(answer.ok, JSON.stringify(answer));
    assert.equal(answer.value.delivery.ok, true);
    assert.equal(answer.value.delivery.status, 200);

    assert.equal(receiver.requests.length, 1);
    const [request] = receiver.requests;
    assert.equal(request.path, '/hook/SERVESECRET?token=SERVESECRET');
    const body = JSON.parse(request.body);
    assert.equal(body.version, 1);
    assert.equal(body.reason, 'test');
    assert.equal(body.title, 'Opsbar: test notification');

    const channels = await callApi(served, 'notifications.channels');
    const ops = channels.value.find((c: { id: string }) => c.id === 'webhook:ops');
    assert.equal(ops.target, `http://127.0.0.1:${receiver.port}/hook/…`);
    assert.equal(ops.lastDelivery.notificationId, body.id);
    assert.equal(ops.lastDelivery.ok, true);

    const recent = await callApi(served, 'notifications.recent', { limit: 5 });
    assert.equal(recent.value[0].id, body.id);
    const settings = await callApi(served, 'settings.get');
    const audit = await callApi(served, 'audit.list', { kind: 'notification', limit: 10 });
    assert.deepEqual(
      audit.value.map((r: { action: string; target: string; actor: string }) => [r.action, r.target]),
      [['notification.sent', 'webhook:ops']],
    );
    assert.doesNotMatch(JSON.stringify({ answer, channels, recent, settings, audit }), /SERVESECRET/);
  } finally {
    await served.stop();
    await receiver.close();
  }
  await eventually('the process to exit', () => served.child.exitCode !== null || served.child.signalCode !== null);
  assert.doesNotMatch(served.stderr(), /SERVESECRET/);
});

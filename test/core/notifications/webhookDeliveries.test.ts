// Webhook deliveries to a real HTTP receiver on loopback: exact bodies and headers per kind,
// retries with backoff on the injected clock, a receiver that hangs, and URL secrets kept out.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NotFoundError } from '../../../electron/core/api/dispatcher';
import { eventually } from '../../support/eventually';
import { transition } from './alertFixtures';
import { notificationHarness } from './notificationHarness';
import { closedPort, startReceiver } from './webhookReceiver';

const webhook = (kind: string, url: string, extra: Record<string, unknown> = {}) => ({ desktop: false, webhooks: [{ name: 'ops', kind, url, ...extra }] });

describe('webhook channels', () => {
  test('json: POSTs the message plus version 1 as application/json', async () => {
    const receiver = await startReceiver();
    const h = notificationHarness(webhook('json', receiver.url('/hooks/json')));
    try {
      h.system.onTransitions([transition('fired', 'critical', h.clock.now())]);
      const [request] = await eventually('the receiver gets the POST', () => receiver.requests.length > 0 && receiver.requests);
      const message = h.system.recent(1)[0];
      assert.equal(request.method, 'POST');
      assert.equal(request.path, '/hooks/json');
      assert.equal(request.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(request.body), { version: 1, ...message });
      assert.equal(message.title, 'Opsbar: Critical: Disk /');
      assert.equal(message.host, 'test-host');
      await eventually('the delivery is recorded', () => h.system.channels().find((c) => c.id === 'webhook:ops')?.lastDelivery?.ok);
    } finally {
      await h.close();
      await receiver.close();
    }
  });

  test('ntfy: the body as text with Title, Priority and Tags headers', async () => {
    const receiver = await startReceiver();
    const h = notificationHarness(webhook('ntfy', receiver.url('/opsbar-alerts')));
    try {
      h.system.onTransitions([transition('fired', 'emergency', h.clock.now(), { summary: '0.5 GB free (1%)' })]);
      const [request] = await eventually('the receiver gets the POST', () => receiver.requests.length > 0 && receiver.requests);
      assert.equal(request.headers['content-type'], 'text/plain; charset=utf-8');
      assert.equal(request.headers.title, 'Opsbar: Emergency: Disk /');
      assert.equal(request.headers.priority, '5');
      assert.equal(request.headers.tags, 'rotating_light,opsbar,firing');
      assert.equal(request.body, '0.5 GB free (1%)\n(test-host)');
    } finally {
      await h.close();
      await receiver.close();
    }
  });

  test('slack: text plus one mrkdwn section', async () => {
    const receiver = await startReceiver();
    const h = notificationHarness(webhook('slack', receiver.url('/services/T0/B0/x')));
    try {
      h.system.onTransitions([transition('fired', 'warning', h.clock.now(), { summary: 'a <b> & c' })]);
      const [request] = await eventually('the receiver gets the POST', () => receiver.requests.length > 0 && receiver.requests);
      assert.equal(request.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(request.body), {
        text: 'Opsbar: Warning: Disk /\na <b> & c',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Opsbar: Warning: Disk /*\na &lt;b&gt; &amp; c\n_test-host_' } }],
      });
    } finally {
      await h.close();
      await receiver.close();
    }
  });

  test('userinfo in the URL goes as Basic authorization, not in the request line', async () => {
    const receiver = await startReceiver();
    const h = notificationHarness(webhook('ntfy', `http://bot:s%40cret@127.0.0.1:${receiver.port}/topic`));
    try {
      await h.system.test('webhook:ops', 'operator');
      assert.equal(receiver.requests[0].headers.authorization, `Basic ${Buffer.from('bot:s@cret').toString('base64')}`);
      assert.equal(receiver.requests[0].path, '/topic');
    } finally {
      await h.close();
      await receiver.close();
    }
  });

  test('urlEnv: the URL comes from the environment; unset, the delivery says which variable', async () => {
    const receiver = await startReceiver();
    const settings = { desktop: false, webhooks: [{ name: 'env', urlEnv: 'OPSBAR_TEST_HOOK' }, { name: 'unset', urlEnv: 'OPSBAR_TEST_UNSET' }] };
    const h = notificationHarness(settings, { env: { OPSBAR_TEST_HOOK: receiver.url('/from-env') } });
    try {
      assert.equal((await h.system.test('webhook:env', 'operator')).delivery.ok, true);
      assert.equal(receiver.requests[0].path, '/from-env');
      const unset = await h.system.test('webhook:unset', 'operator');
      assert.equal(unset.delivery.error, 'the environment variable OPSBAR_TEST_UNSET that holds the URL is not set');
      assert.equal(h.system.channels()[2].target, '(environment variable OPSBAR_TEST_UNSET is not set)');
    } finally {
      await h.close();
      await receiver.close();
    }
  });

  test('a channel takes only its minSeverity and up', async () => {
    const receiver = await startReceiver();
    const h = notificationHarness(webhook('json', receiver.url('/h'), { minSeverity: 'critical' }));
    try {
      h.system.onTransitions([transition('fired', 'warning', h.clock.now(), { kind: 'cpu.high', subject: 'cpu' })]);
      h.system.onTransitions([transition('fired', 'critical', h.clock.now())]);
      await eventually('the critical arrives', () => receiver.requests.length > 0);
      await h.close();
      assert.deepEqual(receiver.requests.map((r) => JSON.parse(r.body).severity), ['critical']);
      assert.equal(h.audits.filter((a) => a.action === 'notification.sent').length, 2, 'both are sent (the warning to no webhook)');
    } finally {
      await receiver.close();
    }
  });

  test('a 500 is retried after 30 s, then 2 min, and the third attempt succeeds; one log line for the failure run', async () => {
    const receiver = await startReceiver((n) => (n < 2 ? 500 : 200));
    const h = notificationHarness(webhook('json', receiver.url('/h')));
    try {
      const t0 = h.clock.now();
      h.system.onTransitions([transition('fired', 'critical', t0)]);
      await eventually('the first attempt fails', () => h.deliveries().length === 1);
      const failing = h.system.channels().find((c) => c.id === 'webhook:ops');
      assert.equal(failing?.retryAt, t0 + 30_000);
      assert.equal(failing?.lastDelivery?.ok, false);
      assert.match(failing?.lastDelivery?.error ?? '', /^127\.0\.0\.1:\d+ answered HTTP 500 \(receiver says no\)$/);
      await h.clock.advance(30_000);
      await eventually('the second attempt fails', () => h.deliveries().length === 2);
      assert.equal(h.system.channels()[1].retryAt, h.clock.now() + 120_000);
      await h.clock.advance(120_000);
      await eventually('the third attempt succeeds', () => h.deliveries().length === 3);
      assert.deepEqual(
        h.deliveries().map((d) => [d.attempt, d.ok, d.status]),
        [
          [1, 0, 500],
          [2, 0, 500],
          [3, 1, 200],
        ],
      );
      assert.equal(h.system.channels()[1].retryAt, null);
      const port = receiver.port;
      assert.deepEqual(h.logs, [
        `warn: webhook:ops failed: 127.0.0.1:${port} answered HTTP 500 (receiver says no); retrying in 30 s.`,
        'info: webhook:ops delivers again (notification n1, attempt 3).',
      ]);
    } finally {
      await h.close();
      await receiver.close();
    }
  });

  test('a channel that keeps failing is given up after five attempts, and says so', async () => {
    const port = await closedPort();
    const h = notificationHarness(webhook('json', `http://127.0.0.1:${port}/h`));
    try {
      h.system.onTransitions([transition('fired', 'critical', h.clock.now())]);
      for (const [n, wait] of [[1, 30_000], [2, 120_000], [3, 600_000], [4, 1_800_000]] as const) {
        await eventually(`attempt ${n}`, () => h.deliveries().length === n);
        await h.clock.advance(wait);
      }
      await eventually('attempt 5', () => h.deliveries().length === 5);
      await eventually('the give-up line', () => h.logs.length === 2);
      assert.equal(h.system.channels()[1].retryAt, null);
      assert.deepEqual(h.logs, [
        `warn: webhook:ops failed: connection refused by 127.0.0.1:${port}; retrying in 30 s.`,
        `warn: webhook:ops: gave up on notification "Opsbar: Critical: Disk /" after 5 attempts (last: connection refused by 127.0.0.1:${port}).`,
      ]);
    } finally {
      await h.close();
    }
  });

  test('a receiver that never answers fails after 10 s (on the clock)', async () => {
    const receiver = await startReceiver(() => 'hang');
    const h = notificationHarness(webhook('json', receiver.url('/h')));
    try {
      const answer = h.system.test('webhook:ops', 'operator');
      await eventually('the receiver holds the request', () => receiver.requests.length === 1);
      await h.clock.advance(10_000);
      const result = await answer;
      assert.equal(result.delivery.ok, false);
      assert.equal(result.delivery.error, `127.0.0.1:${receiver.port} did not answer within 10 s`);
      assert.deepEqual(
        h.audits.map((a) => [a.action, a.outcome, a.details.error]),
        [['notification.sent', 'failed', `127.0.0.1:${receiver.port} did not answer within 10 s`]],
      );
    } finally {
      await h.close();
      await receiver.close();
    }
  });

  test('test() sends now and answers the delivery; an unknown channel is not found', async () => {
    const receiver = await startReceiver();
    const h = notificationHarness(webhook('json', receiver.url('/h')));
    try {
      const result = await h.system.test('webhook:ops', 'dashboard');
      assert.equal(result.channel, 'webhook:ops');
      assert.deepEqual([result.delivery.ok, result.delivery.status, result.delivery.reason, result.delivery.attempt], [true, 200, 'test', 1]);
      assert.equal(JSON.parse(receiver.requests[0].body).reason, 'test');
      const audit = h.audits.find((a) => a.action === 'notification.sent');
      assert.deepEqual([audit?.actor, audit?.target], ['dashboard', 'webhook:ops']);
      await assert.rejects(h.system.test('webhook:nope', 'dashboard'), (e: Error) => e instanceof NotFoundError && /No notification channel "webhook:nope"/.test(e.message));
    } finally {
      await h.close();
      await receiver.close();
    }
  });

  test('the URL secret (userinfo, path, query) is in no log line, channel view, audit row or live message', async () => {
    const port = await closedPort();
    const url = `http://user:MARKER1@127.0.0.1:${port}/services/MARKER2/x?token=MARKER3`;
    const h = notificationHarness(webhook('slack', url));
    try {
      h.system.onTransitions([transition('fired', 'critical', h.clock.now())]);
      await eventually('the failure is logged', () => h.logs.length === 1);
      assert.equal(h.logs[0], `warn: webhook:ops failed: connection refused by 127.0.0.1:${port}; retrying in 30 s.`);
      const result = await h.system.test('webhook:ops', 'dashboard');
      const channels = h.system.channels();
      assert.equal(channels[1].target, `http://127.0.0.1:${port}/services/…`);
      const everything = JSON.stringify({ logs: h.logs, channels, audits: h.audits, published: h.published, result, deliveries: h.deliveries() });
      assert.doesNotMatch(everything, /MARKER/);
    } finally {
      await h.close();
    }
  });
});

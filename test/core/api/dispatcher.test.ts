import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApiDispatcher, NotFoundError, UnavailableError, type ApiHandlers } from '../../../electron/core/api/dispatcher';
import { RunRefusedError } from '../../../electron/core/runbooks/run/runControl';

function handlers(overrides: Partial<ApiHandlers> = {}): ApiHandlers {
  const fail = () => {
    throw new Error('not in this test');
  };
  return {
    'status.get': fail,
    'inventory.get': fail,
    'docker.stacks': fail,
    'gpu.snapshot': fail,
    'models.snapshot': fail,
    'models.probe': fail,
    'models.probes': fail,
    'history.query': (p) => ({ series: p.series, resolution: 'raw', points: [{ t: p.from, avg: p.maxPoints, min: 0, max: 0 }] }),
    'history.series': fail,
    'events.list': (p) => [{ id: p.limit, at: 0, source: 'opsbar', kind: 'k', severity: 'info', subject: p.subject ?? '', message: '', attributes: {} }],
    'settings.get': fail,
    'settings.update': fail,
    'settings.propose': fail,
    'settings.confirm': fail,
    'settings.cancel': fail,
    'runbooks.list': fail,
    'runbooks.get': fail,
    'runbooks.start': fail,
    'runbooks.step': fail,
    'runbooks.cancel': fail,
    'alerts.list': fail,
    'silences.list': fail,
    'silences.add': fail,
    'silences.remove': fail,
    'incidents.list': fail,
    'incidents.get': fail,
    'incidents.ack': fail,
    'incidents.resolve': fail,
    'incidents.note': fail,
    'incidents.weekly': fail,
    'notifications.channels': fail,
    'notifications.test': fail,
    'notifications.recent': fail,
    'audit.list': fail,
    'actions.plan': fail,
    'actions.execute': fail,
    'actions.cancel': fail,
    'actions.get': fail,
    'actions.recent': fail,
    'snapshots.list': fail,
    'snapshots.take': fail,
    'disk.usage': fail,
    'settings.schema': fail,
    'logs.open': fail,
    'logs.keepAlive': fail,
    'logs.close': fail,
    'http.snapshot': fail,
    'http.suggestions': fail,
    'setup.detect': fail,
    'setup.apply': fail,
    'diagnostics.bundle': fail,
    'runbooks.resume': fail,
    'runbooks.run': fail,
    'runbooks.runs': fail,
    'runbooks.schedules': fail,
    ...overrides,
  };
}

test('valid payloads reach the handler with defaults filled in', async () => {
  const dispatch = createApiDispatcher(handlers());
  const result = await dispatch('history.query', { series: 'cpu.percent', from: 10, to: 20 });
  assert.deepEqual(result, { ok: true, value: { series: 'cpu.percent', resolution: 'raw', points: [{ t: 10, avg: 300, min: 0, max: 0 }] } });
});

test('unknown methods, prototype names and bad payloads are refused as envelopes', async () => {
  const dispatch = createApiDispatcher(handlers());
  for (const name of ['shell.exec', '__proto__', 'constructor', 'toString', 42, null]) {
    const result = await dispatch(name, {});
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, 'unknown_method');
  }
  const cases: unknown[] = [
    { series: 'cpu', from: -1, to: 2 },
    { series: 'cpu', from: 5, to: 2 },
    { series: 'cpu', from: 1, to: 2, command: 'rm -rf /' },
    { series: 'x'.repeat(10_000), from: 1, to: 2 },
    'not an object',
    [1, 2],
  ];
  for (const payload of cases) {
    const result = await dispatch('history.query', payload);
    assert.equal(result.ok, false, JSON.stringify(payload).slice(0, 60));
    if (!result.ok) assert.equal(result.error.code, 'bad_request');
  }
  const tooMany = await dispatch('events.list', { limit: 1_000_000 });
  assert.equal(tooMany.ok, false);
});

test('handler errors become envelopes: unavailable is a state, anything else internal', async () => {
  const seen: string[] = [];
  const dispatch = createApiDispatcher(
    handlers({
      'status.get': () => {
        throw new UnavailableError('Docker is not running');
      },
      'docker.stacks': () => {
        throw new Error('boom');
      },
    }),
    (method) => seen.push(method),
  );
  assert.deepEqual(await dispatch('status.get', {}), { ok: false, error: { code: 'unavailable', message: 'Docker is not running' } });
  const internal = await dispatch('docker.stacks', undefined);
  assert.equal(internal.ok, false);
  if (!internal.ok) assert.equal(internal.error.code, 'internal');
  assert.deepEqual(seen, ['docker.stacks']);
});

test('refusals and unknown names become envelopes the operator can read, not internal errors', async () => {
  const internal: string[] = [];
  const dispatch = createApiDispatcher(
    handlers({
      'runbooks.get': () => {
        throw new NotFoundError('No runbook "nope".');
      },
      'runbooks.cancel': () => {
        throw new RunRefusedError('Run 4 already ended.');
      },
    }),
    (method) => internal.push(method),
  );
  assert.deepEqual(await dispatch('runbooks.get', { id: 'nope' }), { ok: false, error: { code: 'not_found', message: 'No runbook "nope".' } });
  assert.deepEqual(await dispatch('runbooks.cancel', { runId: 4 }), { ok: false, error: { code: 'refused', message: 'Run 4 already ended.' } });
  assert.deepEqual(internal, []);
});

test('a runbook start carries no command text: extra fields are refused', async () => {
  const dispatch = createApiDispatcher(handlers({ 'runbooks.start': () => assert.fail('must not be called') }));
  const hash = 'a'.repeat(64);
  for (const payload of [
    { id: 'daily-health-check', hash, command: 'rm -rf /' },
    { id: 'daily-health-check', hash, steps: [{ body: 'echo hi' }] },
    { id: '../../etc/passwd', hash },
    { id: 'daily-health-check', hash: 'not-a-hash' },
    { id: 'daily-health-check', hash, params: { X: 1 } },
  ]) {
    const result = await dispatch('runbooks.start', payload);
    assert.equal(result.ok, false, JSON.stringify(payload));
    if (!result.ok) assert.equal(result.error.code, 'bad_request');
  }
});

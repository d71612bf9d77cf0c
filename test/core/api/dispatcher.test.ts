import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApiDispatcher, UnavailableError, type ApiHandlers } from '../../../electron/core/api/dispatcher';

function handlers(overrides: Partial<ApiHandlers> = {}): ApiHandlers {
  const fail = () => {
    throw new Error('not in this test');
  };
  return {
    'status.get': fail,
    'docker.stacks': fail,
    'history.query': (p) => ({ series: p.series, resolution: 'raw', points: [{ t: p.from, avg: p.maxPoints, min: 0, max: 0 }] }),
    'history.series': fail,
    'events.list': (p) => [{ id: p.limit, at: 0, source: 'opsbar', kind: 'k', severity: 'info', subject: p.subject ?? '', message: '', attributes: {} }],
    'settings.get': fail,
    'settings.update': fail,
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

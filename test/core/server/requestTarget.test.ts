import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedHostHeaders, hostHeaderRefusal } from '../../../electron/core/server/hostPolicy';
import { parseRequestTarget } from '../../../electron/core/server/requestTarget';

const allowed = allowedHostHeaders('127.0.0.1', 4000);

test('origin-form targets stay paths, even ones that look protocol-relative', () => {
  const target = parseRequestTarget('//evil.example/api/live?x=1', allowed);
  assert.ok(target.ok);
  assert.equal(target.url.pathname, '//evil.example/api/live');
  assert.equal(target.url.searchParams.get('x'), '1');
});

test('absolute-form is served only for this server; other forms and bad encodings are refused', () => {
  assert.ok(parseRequestTarget('http://localhost:4000/api/live', allowed).ok);
  for (const [raw, status] of [
    ['http://evil.example:4000/', 403],
    ['http://127.0.0.1:4001/', 403],
    ['https://127.0.0.1:4000/', 400],
    ['*', 400],
    ['/api/call/%E0%A4%A', 400],
    ['/%', 400],
  ] as const) {
    const target = parseRequestTarget(raw, allowed);
    assert.equal(target.ok ? 200 : target.status, status, raw);
  }
});

test('exactly one allowed Host header passes; none, a foreign one or two are refused', () => {
  assert.equal(hostHeaderRefusal(['Host', '127.0.0.1:4000'], allowed), null);
  assert.equal(hostHeaderRefusal(['HOST', 'LOCALHOST:4000'], allowed), null);
  assert.equal(hostHeaderRefusal([], allowed)?.status, 403);
  assert.equal(hostHeaderRefusal(['Host', 'evil.example:4000'], allowed)?.status, 403);
  assert.equal(hostHeaderRefusal(['Host', '127.0.0.1:4000', 'host', '127.0.0.1:4000'], allowed)?.status, 400);
});

import assert from 'node:assert/strict';
import { eventually } from '../support/eventually';
import { fullStatusMessage } from '../support/statusFixtures';
import { describe, it } from 'node:test';
import type { LiveMessage } from '../../shared/api/live';
import { ApiCallError, createBridgeTransport, createHttpTransport, type EventSourceLike } from '../../renderer/src/transport';
import { statusSnapshot } from './fixtures';

class FakeEventSource implements EventSourceLike {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  close(): void {
    this.closed = true;
  }
  open(): void {
    this.onopen?.(new Event('open'));
  }
  send(data: string): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
  fail(): void {
    this.onerror?.(new Event('error'));
  }
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function setup(answer: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const sources: FakeEventSource[] = [];
  const transport = createHttpTransport({
    fetch: (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return answer(url, init);
    }) as typeof fetch,
    openEventSource: (url) => {
      const source = new FakeEventSource(url);
      sources.push(source);
      return source;
    },
    retryDelaysMs: [1],
  });
  return { transport, requests, sources };
}

/** Resolves once `predicate` holds; the reconnect loop runs on timers and a probe call. */
async function until(predicate: () => boolean): Promise<void> {
  await eventually('the transport to reach the state', () => predicate(), { everyMs: 5 });
}

describe('HTTP transport', () => {
  it('posts JSON to /api/call/<method> with same-origin credentials and unwraps the envelope', async () => {
    const { transport, requests } = setup(() => jsonResponse(200, { ok: true, value: ['cpu.percent'] }));
    assert.deepEqual(await transport.client.call('history.series', { prefix: 'cpu' }), ['cpu.percent']);
    assert.equal(requests[0].url, '/api/call/history.series');
    assert.equal(requests[0].init.method, 'POST');
    assert.equal(requests[0].init.credentials, 'same-origin');
    assert.equal(requests[0].init.body, '{"prefix":"cpu"}');
  });

  it('throws an ApiCallError with the envelope code and message', async () => {
    const { transport } = setup(() => jsonResponse(503, { ok: false, error: { code: 'unavailable', message: 'Docker is not reachable.' } }));
    await assert.rejects(transport.client.call('docker.stacks', {}), (error: unknown) => {
      assert.ok(error instanceof ApiCallError);
      assert.equal(error.code, 'unavailable');
      assert.equal(error.message, 'Docker is not reachable.');
      return true;
    });
  });

  it('reports a network failure and a non-envelope answer as errors a user can read', async () => {
    const down = setup(() => Promise.reject(new TypeError('Failed to fetch')));
    await assert.rejects(down.transport.client.call('status.get', {}), /Cannot reach the Opsbar server \(Failed to fetch\)/);
    const html = setup(() => new Response('<html>', { status: 502 }));
    await assert.rejects(html.transport.client.call('status.get', {}), /HTTP 502 without an API envelope/);
  });

  it('marks the session expired on a 401', async () => {
    const { transport } = setup(() => jsonResponse(401, { ok: false, error: { code: 'forbidden', message: 'Not signed in' } }));
    await assert.rejects(transport.client.call('status.get', {}), (error: unknown) => (error as ApiCallError).code === 'unauthorized');
    assert.equal(transport.connection.get().status, 'unauthorized');
  });

  it('delivers live messages, reconnects after an error, and bumps the epoch', async () => {
    const { transport, sources } = setup(() => jsonResponse(200, { ok: true, value: statusSnapshot() }));
    const received: LiveMessage[] = [];
    const unsubscribe = transport.client.subscribe((m) => received.push(m));
    assert.equal(sources.length, 1);
    assert.equal(sources[0].url, '/api/live');
    assert.equal(transport.connection.get().status, 'connecting');
    sources[0].open();
    assert.deepEqual(transport.connection.get(), { status: 'connected', epoch: 1 });

    sources[0].send(JSON.stringify(fullStatusMessage(statusSnapshot())));
    sources[0].send('not json');
    sources[0].send(JSON.stringify({ type: 'bogus' }));
    assert.deepEqual(received.map((m) => m.type), ['status']);

    sources[0].fail();
    assert.equal(sources[0].closed, true);
    assert.equal(transport.connection.get().status, 'reconnecting');
    await until(() => sources.length === 2);
    sources[1].open();
    assert.deepEqual(transport.connection.get(), { status: 'connected', epoch: 2 });

    unsubscribe();
    assert.equal(sources[1].closed, true);
  });

  it('stops reconnecting once the session expired', async () => {
    const { transport, sources } = setup(() => jsonResponse(401, { ok: false, error: { code: 'forbidden', message: 'Not signed in' } }));
    transport.client.subscribe(() => {});
    sources[0].fail();
    await until(() => transport.connection.get().status === 'unauthorized');
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(sources.length, 1);
  });
});

describe('Electron bridge transport', () => {
  it('unwraps envelopes from the preload and passes live messages through', async () => {
    const listeners: Array<(m: LiveMessage) => void> = [];
    const transport = createBridgeTransport({
      call: async (method) => (method === 'status.get' ? { ok: true, value: 'fine' } : { ok: false, error: { code: 'bad_request', message: 'nope' } }),
      subscribe: (listener) => {
        listeners.push(listener);
        return () => {};
      },
    });
    assert.equal(await transport.client.call('status.get', {}), 'fine');
    await assert.rejects(transport.client.call('docker.stacks', {}), /nope/);
    transport.client.subscribe(() => {});
    assert.equal(listeners.length, 1);
    assert.equal(transport.connection.get().status, 'connected');
  });
});

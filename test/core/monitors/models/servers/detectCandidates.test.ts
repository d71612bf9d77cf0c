import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { boundedGetFor, type ServerGet } from '../../../../../electron/core/monitors/models/servers/boundedGet';
import { detectCandidates } from '../../../../../electron/core/monitors/models/servers/detectCandidates';
import type { ModelServerKindName } from '../../../../../electron/core/monitors/models/servers/modelServerKind';
import { modelServerKinds } from '../../../../../electron/core/monitors/models/servers/modelServerKinds';
import { startFakeModelServer, type FakeModelServer } from '../../../../support/fakeModelKinds';
import { fixtureGet } from './fixtureGet';
import { HANG_GUARD_MS } from '../../../../support/eventually';

const servers: FakeModelServer[] = [];
after(async () => Promise.all(servers.map((server) => server.close())));
async function start(kind: ModelServerKindName, options: Parameters<typeof startFakeModelServer>[1] = {}) {
  const server = await startFakeModelServer(kind, options);
  servers.push(server);
  return server;
}

/** Real loopback GETs, with a default port (8080, 11434…) mapped to the fake listening elsewhere. */
function redirectingGet(map: Record<number, FakeModelServer>, deadlineMs = HANG_GUARD_MS) {
  return (url: string, apiKey?: string): ServerGet => {
    const port = Number(new URL(url).port);
    return boundedGetFor(map[port]?.url ?? url, { apiKey, deadlineMs });
  };
}

describe('detectCandidates over real loopback servers of each kind', () => {
  it('identifies every kind on its default port, with its version', async () => {
    const map = {
      11434: await start('ollama', { version: '0.5.7' }),
      8080: await start('llamacpp', { version: 'b6000-abc' }),
      1234: await start('lmstudio'),
      8000: await start('vllm', { version: '0.6.3' }),
    };
    const found = await detectCandidates({ loopbackPorts: [8080, 11434, 1234, 8000], containerPorts: [], configured: [] }, { getFor: redirectingGet(map) });
    assert.deepEqual(found, [
      { url: 'http://127.0.0.1:8080', kind: 'llamacpp', version: 'b6000-abc', source: 'autodetected' },
      { url: 'http://127.0.0.1:11434', kind: 'ollama', version: '0.5.7', source: 'autodetected' },
      { url: 'http://127.0.0.1:1234', kind: 'lmstudio', version: null, source: 'autodetected' },
      { url: 'http://127.0.0.1:8000', kind: 'vllm', version: '0.6.3', source: 'autodetected' },
    ]);
  });

  it('tells mlx-lm from llama.cpp on the same port 8080', async () => {
    const input = { loopbackPorts: [8080], containerPorts: [], configured: [] };
    const llama = await start('llamacpp');
    assert.equal((await detectCandidates(input, { getFor: redirectingGet({ 8080: llama }) }))[0].kind, 'llamacpp');
    const llamaRequests = [...llama.requests];
    await llama.close();
    const mlx = await start('mlx', { port: llama.port }); // the very same port, now mlx-lm
    assert.equal((await detectCandidates(input, { getFor: redirectingGet({ 8080: mlx }) }))[0].kind, 'mlx');
    // Neither answered a generation route: identification is by GETs of status paths only.
    for (const path of [...llamaRequests, ...mlx.requests]) assert.doesNotMatch(path, /completions|generate|chat/);
  });

  it('finds servers on published container ports and on a port that is no kind’s default', async () => {
    const vllm = await start('vllm');
    const mlx = await start('mlx');
    const found = await detectCandidates(
      { loopbackPorts: [], containerPorts: [{ port: vllm.port, host: '0.0.0.0' }, { port: mlx.port }], configured: [] },
      { getFor: redirectingGet({}) },
    );
    assert.deepEqual(found.map((result) => [result.url, result.kind]), [
      [vllm.url, 'vllm'],
      [mlx.url, 'mlx'],
    ]);
  });

  it('keeps a configured endpoint that is down or hostile, with a reason; drops nothing', async () => {
    const html = await start('ollama');
    html.hostile('html');
    const keyed = await start('vllm', { apiKey: 'k-123' });
    const gone = await start('mlx');
    await gone.close();
    const found = await detectCandidates(
      { loopbackPorts: [], containerPorts: [], configured: [{ url: html.url }, { url: `${keyed.url}/`, apiKey: 'k-123' }, { url: gone.url, kind: 'mlx' }] },
      { getFor: redirectingGet({}) },
    );
    assert.equal(found.length, 3);
    assert.deepEqual(found[0], { url: html.url, kind: null, source: 'configured', reason: `${html.url} is not a model server Opsbar knows (Ollama, llama.cpp, LM Studio, vLLM, mlx-lm).` });
    assert.deepEqual(found[1], { url: keyed.url, kind: 'vllm', version: '0.6.3', source: 'configured' });
    assert.equal(found[2].kind, null);
    assert.match((found[2] as { reason: string }).reason, /refused the connection: nothing is listening there/);
  });

  it('a hanging server costs one deadline, not one per kind', async () => {
    const hang = await start('llamacpp');
    hang.hostile('hang');
    const found = await detectCandidates({ loopbackPorts: [8080], containerPorts: [], configured: [] }, { getFor: redirectingGet({ 8080: hang }, 100) });
    assert.equal(found[0].kind, null);
    assert.match((found[0] as { reason: string }).reason, /sent no complete answer within 0\.1 s/);
    assert.deepEqual(hang.requests, ['/'], 'one GET, then no kind was tried');
  });
});

describe('detectCandidates as a pure function over fake gets', () => {
  it('tries the kinds whose default port matches first', async () => {
    const asked: string[] = [];
    const getFor = (url: string) => {
      const get = fixtureGet({}, url);
      return async (path: string) => {
        asked.push(path);
        return get(path);
      };
    };
    await detectCandidates({ loopbackPorts: [1234], containerPorts: [], configured: [] }, { getFor });
    assert.deepEqual(asked.slice(0, 2), ['/', '/api/v0/models'], 'is anything there, then LM Studio (port 1234) first');
  });

  it('a configured address is not tried again as autodetected', async () => {
    const found = await detectCandidates(
      { loopbackPorts: [11434], containerPorts: [{ port: 11434 }], configured: [{ url: 'http://localhost:11434/' }] },
      { getFor: (url) => fixtureGet({ '/api/version': '{"version":"0.5.7"}' }, url) },
    );
    assert.deepEqual(found, [{ url: 'http://localhost:11434', kind: 'ollama', version: '0.5.7', source: 'configured' }]);
  });

  it('identifies at most `concurrency` candidates at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const getFor = (url: string): ServerGet => async (path) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise<void>((resolve) => releases.push(resolve));
      inFlight--;
      return fixtureGet({}, url)(path);
    };
    // One kind only, so each candidate makes exactly one GET at a time.
    const kinds = modelServerKinds.filter((kind) => kind.kind === 'ollama');
    const done = detectCandidates({ loopbackPorts: [1, 2, 3, 4, 5, 6, 7], containerPorts: [], configured: [] }, { getFor, kinds, concurrency: 2 });
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.splice(0).forEach((release) => release());
    }
    assert.equal((await done).length, 7);
    assert.equal(peak, 2);
  });
});

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { boundedGetFor, jsonOf, textOf } from '../../../../../electron/core/monitors/models/servers/boundedGet';
import { startFakeModelServer, type FakeModelServer } from '../../../../support/fakeModelKinds';
import { HANG_GUARD_MS } from '../../../../support/eventually';

/** Generous on purpose: only the tests about deadlines may meet one on a loaded machine. */
const PATIENT = { deadlineMs: HANG_GUARD_MS };

describe('boundedGet against a hostile model server', () => {
  const servers: FakeModelServer[] = [];
  after(async () => Promise.all(servers.map((server) => server.close())));
  const start = async (...args: Parameters<typeof startFakeModelServer>) => {
    const server = await startFakeModelServer(...args);
    servers.push(server);
    return server;
  };

  it('reads JSON from a healthy server', async () => {
    const server = await start('ollama', { version: '0.9.1' });
    assert.deepEqual(jsonOf(await boundedGetFor(server.url, PATIENT)('/api/version')), { version: '0.9.1' });
  });

  it('says a web page is HTML, not JSON', async () => {
    const server = await start('ollama');
    server.hostile('html');
    const outcome = await boundedGetFor(server.url, PATIENT)('/api/version');
    assert.throws(() => jsonOf(outcome), new RegExp(`${server.url}/api/version answered HTML, not JSON`));
  });

  it('says a 401 means the API key was refused, and never shows the key', async () => {
    const server = await start('vllm', { apiKey: 'right-key' });
    const outcome = await boundedGetFor(server.url, { ...PATIENT, apiKey: 'sk-secret-wrong' })('/version');
    assert.throws(() => jsonOf(outcome), (error: Error) => {
      assert.match(error.message, /answered 401: the API key was refused/);
      assert.doesNotMatch(error.message, /sk-secret-wrong/);
      return true;
    });
    assert.deepEqual(jsonOf(await boundedGetFor(server.url, { ...PATIENT, apiKey: 'right-key' })('/version')), { version: '0.6.3' });
  });

  it('gives up on a server that never answers, with the deadline in the sentence', async () => {
    const server = await start('llamacpp');
    server.hostile('hang');
    const outcome = await boundedGetFor(server.url, { deadlineMs: 300 })('/props');
    assert.equal(outcome.ok, false);
    assert.throws(() => textOf(outcome), /sent no complete answer within 0\.3 s/);
  });

  it('the default deadline is 3 s', async () => {
    const server = await start('llamacpp');
    server.hostile('hang');
    const outcome = await boundedGetFor(server.url)('/props');
    assert.throws(() => textOf(outcome), /within 3 s/);
  });

  it('stops reading a flood at 2 MiB', async () => {
    const server = await start('ollama');
    server.hostile('flood', 16 * 1024 * 1024);
    const outcome = await boundedGetFor(server.url, PATIENT)('/api/tags');
    assert.equal(outcome.ok, false);
    assert.throws(() => textOf(outcome), /sent more than 2 MiB/);
  });

  it('says when nothing listens', async () => {
    const server = await start('mlx');
    await server.close();
    const outcome = await boundedGetFor(server.url, PATIENT)('/health');
    assert.throws(() => textOf(outcome), /refused the connection: nothing is listening there/);
  });
});

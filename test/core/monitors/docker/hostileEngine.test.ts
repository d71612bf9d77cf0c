import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { systemClock } from '../../../../electron/core/clock';
import { callWithDeadline } from '../../../../electron/core/monitors/docker/callWithDeadline';
import { createDockerApi, type DockerApi } from '../../../../electron/core/monitors/docker/dockerApi';
import type { DockerEndpointResolution } from '../../../../electron/core/monitors/docker/dockerEndpoint';
import { describeDockerFailure } from '../../../../electron/core/monitors/docker/dockerErrors';
import { startFakeDockerEngine, type FakeDockerEngine } from '../../../support/fakeDockerEngine';
import { tempDir } from '../../../support/tempDir';

// The production client against a socket that floods, hangs or lies: every failure is a
// rejected call with a sentence naming the endpoint, never a crash or an unbounded read.

let engine: FakeDockerEngine;
let api: DockerApi;
let resolution: DockerEndpointResolution;

before(async () => {
  engine = await startFakeDockerEngine(tempDir('opsbar-hostile-'));
  const chosen = { kind: 'unix' as const, socketPath: engine.socketPath, source: 'configured' as const };
  resolution = { candidates: [chosen], chosen, ignored: [] };
  api = createDockerApi(chosen);
});
after(() => engine.close());

/** What the operator reads when listing containers fails this way. */
async function listFailure(): Promise<string> {
  const error = await api.listContainers(AbortSignal.timeout(60_000)).then(
    () => assert.fail('listing containers should have failed'),
    (e: unknown) => e,
  );
  return describeDockerFailure(error, resolution, 'listing containers');
}

const FLOOD = 512 * 1024 * 1024;

for (const announce of [true, false]) {
  test(`a 512 MB list reply (${announce ? 'with' : 'without'} Content-Length) is refused after 8 MiB, not read`, async () => {
    engine.reply('/containers/json', { kind: 'flood', bytes: FLOOD, announce });
    const before = engine.floodedBytes();
    const message = await listFailure();
    assert.equal(
      message,
      `The Docker engine at ${engine.socketPath} sent a reply over 8 MiB to GET /containers/json; not read. Check what answers at ${engine.socketPath} (docker.endpoint in the config), or restart Docker.`,
    );
    // The client left: the fake could hand over the 8 MiB plus what socket buffers hold, not 512 MB.
    assert.ok(engine.floodedBytes() - before < 64 * 1024 * 1024, `${engine.floodedBytes() - before} bytes were sent`);
  });
}

const LIES: { name: string; body: unknown; problem: string }[] = [
  { name: 'null', body: null, problem: 'it is null' },
  { name: '[{}]', body: [{}], problem: 'item 0, Id: expected string' },
  { name: '{"Id":5}', body: { Id: 5 }, problem: 'expected array' },
  { name: '[{"Id":5}]', body: [{ Id: 5 }], problem: 'item 0, Id: expected string' },
  { name: 'Names as a string', body: [{ Id: 'abc', Names: '/web' }], problem: 'item 0, Names: expected array' },
  { name: 'Labels with a number', body: [{ Id: 'abc', Labels: { a: 1 } }], problem: 'item 0, Labels, a: expected string' },
];

for (const lie of LIES) {
  test(`a list reply of ${lie.name} is said in words, not a TypeError`, async () => {
    engine.reply('/containers/json', { kind: 'json', body: lie.body });
    assert.equal(
      await listFailure(),
      `The Docker engine at ${engine.socketPath} answered GET /containers/json with something that is not a list of containers (${lie.problem}). Check that ${engine.socketPath} is a Docker engine (docker.endpoint in the config).`,
    );
  });
}

test('a list reply that is not JSON at all is said in words', async () => {
  engine.reply('/containers/json', { kind: 'text', body: '<html>proxy login</html>' });
  assert.match(await listFailure(), /answered GET \/containers\/json with something that is not JSON \(it starts with "<html>proxy login<\/html>"\)/);
});

test('a reply cut off in the middle is said in words', async () => {
  engine.reply('/containers/json', { kind: 'closeMidBody', body: '[{"Id":"abc"' });
  assert.match(await listFailure(), /closed the connection in the middle of the reply to GET \/containers\/json/);
});

test('an inspect reply of the wrong shape is refused with the container named', async () => {
  engine.reply('/containers/*/json', { kind: 'json', body: { State: 'running' } });
  await assert.rejects(api.inspectContainer('0123456789abcdef', AbortSignal.timeout(60_000)), {
    message: 'GET /containers/0123456789ab/json answered something that is not a container (State: expected object)',
  });
});

test('a huge error reply to /events is bounded too', async () => {
  engine.reply('/events', { kind: 'flood', bytes: FLOOD, announce: false });
  // A flood with status 200 is a stream the line parser bounds; here the stream opens and is closed again.
  const stream = await api.containerEvents(AbortSignal.timeout(60_000));
  (stream as unknown as { destroy(): void }).destroy();
  engine.reply('/events', { kind: 'json', status: 500, body: { message: 'x'.repeat(1024 * 1024) } });
  await assert.rejects(api.containerEvents(AbortSignal.timeout(60_000)), (error: Error) => {
    assert.match(error.message, /^GET \/events failed with HTTP 500$/);
    return true;
  });
});

test('a hanging engine costs one deadline, and the request is aborted', async () => {
  engine.reply('/containers/json', { kind: 'hang' });
  const error = await callWithDeadline(systemClock, 50, 'listing containers', (signal) => api.listContainers(signal)).then(
    () => assert.fail('should time out'),
    (e: unknown) => e,
  );
  assert.match(describeDockerFailure(error, resolution, 'listing containers'), /^Docker did not answer within 0\.1 s at .* \(listing containers\): the engine looks hung/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonLineParser } from '../../../../electron/core/monitors/docker/jsonLineParser';
import { DockerEventMapper, type MappedDockerEvent } from '../../../../electron/core/monitors/docker/eventMapping';
import { DockerEventWatcher } from '../../../../electron/core/monitors/docker/dockerEvents';
import { FakeDockerApi, ManualClock, connRefused, flush } from './fakes';

// Shaped like Docker 20.10's /events output.
function dockerEvent(action: string, attrs: Record<string, string> = {}, id = 'abc123def4567890') {
  return {
    status: action,
    id,
    from: 'opsbar-test/busybox:latest',
    Type: 'container',
    Action: action,
    Actor: { ID: id, Attributes: { image: 'opsbar-test/busybox:latest', name: 'shop-web-1', 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web', ...attrs } },
    scope: 'local',
    time: 1795480441,
    timeNano: 1795480441938000000,
  };
}

test('the parser reassembles objects split at every possible byte, multi-byte characters included', () => {
  const events = [dockerEvent('start', { name: 'naïve-ünïcode-☃' }), dockerEvent('die', { exitCode: '3' })];
  const bytes = Buffer.from(events.map((e) => JSON.stringify(e) + '\n').join(''));
  for (let cut = 1; cut < bytes.length; cut++) {
    const parser = new JsonLineParser();
    const out = [...parser.push(bytes.subarray(0, cut)), ...parser.push(bytes.subarray(cut)), ...parser.end()];
    assert.equal(out.length, 2, `cut at ${cut}`);
    assert.equal((out[0].Actor as { Attributes: { name: string } }).Attributes.name, 'naïve-ünïcode-☃');
  }
  const parser = new JsonLineParser();
  const out = [...bytes].flatMap((b) => parser.push(Buffer.from([b])));
  assert.equal(out.length, 2, 'one byte at a time');
});

test('garbage lines are skipped and counted; a last line without newline is flushed at end', () => {
  const parser = new JsonLineParser();
  const out = parser.push('not json\n{"Action":"start"}\r\n[1,2]\n"str"\nnull\n\n{"trunc');
  assert.deepEqual(out, [{ Action: 'start' }]);
  assert.equal(parser.skipped, 4);
  assert.deepEqual(parser.push('ated":true}'), []);
  assert.deepEqual(parser.end(), [{ truncated: true }]);
});

test('an endless line is dropped without growing memory, and parsing resumes after it', () => {
  const parser = new JsonLineParser();
  const chunk = 'x'.repeat(256 * 1024);
  for (let i = 0; i < 8; i++) assert.deepEqual(parser.push(chunk), []);
  assert.equal(parser.skipped, 1);
  assert.deepEqual(parser.push('still garbage\n{"Action":"oom"}\n'), [{ Action: 'oom' }]);
});

test('events map to OpsEvents with kinds, severities and attributes', () => {
  const mapper = new DockerEventMapper();
  // Received 200 ms after the engine's timestamp: the engine's time stands (within a second, no engineTime attribute).
  const map = (action: string, attrs?: Record<string, string>) => mapper.map(dockerEvent(action, attrs), 1795480441938 + 200)!;

  const start = map('start');
  assert.deepEqual(start.opsEvent, {
    at: 1795480441938,
    source: 'docker',
    kind: 'container.start',
    severity: 'info',
    subject: 'shop-web-1',
    message: 'shop-web-1 started.',
    attributes: { containerId: 'abc123def4567890', image: 'opsbar-test/busybox:latest', project: 'shop', service: 'web' },
  });
  assert.equal(start.stateChanged, true);
  assert.equal(start.containerId, 'abc123def4567890');

  const crash = map('die', { exitCode: '3' });
  assert.equal(crash.opsEvent?.kind, 'container.die');
  assert.equal(crash.opsEvent?.severity, 'critical');
  assert.equal(crash.opsEvent?.attributes.exitCode, '3');
  assert.equal(map('die', { exitCode: '0' }).opsEvent?.severity, 'info');
  assert.equal(map('oom').opsEvent?.severity, 'critical');
  assert.equal(map('restart').opsEvent?.kind, 'container.restart');
  assert.equal(map('stop').opsEvent?.kind, 'container.stop');
  assert.equal(map('destroy').opsEvent?.kind, 'container.destroy');

  const unhealthy = map('health_status: unhealthy');
  assert.equal(unhealthy.opsEvent?.kind, 'container.health_status');
  assert.equal(unhealthy.opsEvent?.severity, 'critical');
  assert.equal(unhealthy.opsEvent?.attributes.health, 'unhealthy');
  assert.match(unhealthy.opsEvent?.message ?? '', /does not restart an unhealthy container/);
  assert.equal(map('health_status: healthy').opsEvent?.severity, 'info');
});

test('docker stop (kill, then die 137) is a warning, not a crash', () => {
  const mapper = new DockerEventMapper();
  const kill = mapper.map(dockerEvent('kill', { signal: '9' }), 0)!;
  assert.equal(kill.opsEvent?.kind, 'container.kill');
  assert.equal(kill.opsEvent?.attributes.signal, '9');
  assert.equal(kill.stateChanged, false);
  assert.equal(mapper.map(dockerEvent('die', { exitCode: '137' }), 0)?.opsEvent?.severity, 'warning');
  assert.equal(mapper.map(dockerEvent('die', { exitCode: '137' }), 0)?.opsEvent?.severity, 'critical', 'the kill is consumed');
});

test('healthcheck exec noise and other types neither record nor refresh; quiet state changes refresh only', () => {
  const mapper = new DockerEventMapper();
  assert.equal(mapper.map(dockerEvent('exec_start: /bin/true'), 0), null);
  assert.equal(mapper.map(dockerEvent('exec_die'), 0), null);
  assert.equal(mapper.map({ ...dockerEvent('create'), Type: 'network' }, 0), null);
  assert.deepEqual(mapper.map(dockerEvent('pause'), 0), { containerId: 'abc123def4567890', opsEvent: null, stateChanged: true });
  assert.equal(mapper.map({ garbage: true }, 0), null);
  const bare = mapper.map({ Type: 'container', Action: 'start', Actor: { ID: '0123456789abcdef' } }, 42)!;
  assert.equal(bare.opsEvent?.subject, '0123456789ab');
  assert.equal(bare.opsEvent?.at, 42, 'no time in the message: time received');
});

test('the watcher delivers events, and reconnects with growing backoff when the stream ends or fails', async () => {
  const clock = new ManualClock();
  const api = new FakeDockerApi();
  const events: MappedDockerEvent[] = [];
  let reconnected = 0;
  const watcher = new DockerEventWatcher({
    clock,
    getApi: () => api,
    openTimeoutMs: 5_000,
    onEvent: (e) => events.push(e),
    onReconnected: () => reconnected++,
    backoffInitialMs: 500,
    backoffMaxMs: 4_000,
  });
  watcher.start();
  await flush();
  assert.equal(api.calls.events, 1);
  assert.equal(watcher.connected, true);

  const line = JSON.stringify(dockerEvent('die', { exitCode: '3' })) + '\n';
  api.streams[0].write(line.slice(0, 17));
  api.streams[0].write(line.slice(17));
  await flush();
  assert.equal(events.length, 1);
  assert.equal(events[0].opsEvent?.kind, 'container.die');

  // The daemon goes away: the stream ends and reopening fails for a while.
  api.failWith = connRefused();
  api.streams[0].end();
  await flush();
  assert.equal(watcher.connected, false);
  clock.advance(499);
  await flush();
  assert.equal(api.calls.events, 1);
  clock.advance(1); // 500 ms
  await flush();
  assert.equal(api.calls.events, 2);
  clock.advance(1_000); // then 1 s
  await flush();
  assert.equal(api.calls.events, 3);
  clock.advance(2_000);
  await flush();
  clock.advance(4_000);
  await flush();
  clock.advance(4_000); // capped at 4 s
  await flush();
  assert.equal(api.calls.events, 6);

  api.failWith = null;
  clock.advance(4_000);
  await flush();
  assert.equal(watcher.connected, true);
  assert.equal(reconnected, 1, 'a reopened stream asks for a fresh collect');

  watcher.stop();
  assert.equal(clock.pending(), 0);
  api.streams.at(-1)!.end();
  await flush();
  clock.advance(60_000);
  assert.equal(api.calls.events, 7, 'stopped: no more reconnects');
});

test('opening the stream on a hung daemon times out and retries', async () => {
  const clock = new ManualClock();
  const api = new FakeDockerApi();
  let hang = true;
  const open = api.containerEvents.bind(api);
  api.containerEvents = () => (hang ? new Promise<never>(() => {}) : open());
  const watcher = new DockerEventWatcher({ clock, getApi: () => api, openTimeoutMs: 5_000, onEvent: () => {}, onReconnected: () => {} });
  watcher.start();
  await flush();
  clock.advance(5_000);
  await flush();
  hang = false;
  clock.advance(500);
  await flush();
  assert.equal(watcher.connected, true);
  watcher.stop();
});

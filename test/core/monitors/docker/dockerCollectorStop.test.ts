import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerCollector } from '../../../../electron/core/monitors/docker/dockerCollector';
import { FakeDockerApi, ManualClock } from './fakes';

/** An engine whose list call never answers, but hears the abort of its request. */
class HangingListApi extends FakeDockerApi {
  listAborted = false;
  override listContainers(signal?: AbortSignal): Promise<never> {
    this.calls.list++;
    return new Promise<never>((_, reject) =>
      signal?.addEventListener('abort', () => {
        this.listAborted = true;
        reject(new Error('aborted'));
      }),
    );
  }
}

function collectorOn(api: FakeDockerApi, clock: ManualClock) {
  return new DockerCollector({
    endpoint: { configured: '/fake/docker.sock', env: {}, homedir: '/home/ops', exists: () => true },
    intervalMs: 10_000,
    statsConcurrency: 2,
    clock,
    createClient: () => api,
  });
}

test('stop() abandons an in-flight list call at once instead of waiting out its deadline', async () => {
  const clock = new ManualClock();
  const api = new HangingListApi();
  const collector = collectorOn(api, clock);
  collector.start({ emitEvent: () => undefined, requestCollect: () => undefined });
  const collecting = collector.collect();
  await collector.stop();
  // The manual clock never moves: only the stop can end this collect.
  const output = await collecting;
  assert.equal(api.listAborted, true, 'the list request was aborted');
  assert.equal(output.snapshot.available, false);
});

test('a collect right after a timeout reports that timeout instead of waiting out another deadline', async () => {
  const clock = new ManualClock();
  const api = new HangingListApi();
  const collector = collectorOn(api, clock);
  collector.start({ emitEvent: () => undefined, requestCollect: () => undefined });
  const first = collector.collect();
  await Promise.resolve(); // the list call starts on the next microtask
  clock.advance(5_000);
  const timedOut = await first;
  assert.match(timedOut.snapshot.error ?? '', /did not answer within 5 s/);
  clock.advance(250);
  const second = await collector.collect();
  assert.equal(second.snapshot.error, timedOut.snapshot.error);
  assert.equal(api.calls.list, 1, 'no second request to a hung engine');
  await collector.stop();
});

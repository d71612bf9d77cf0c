import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createContainerLookup } from '../../../../../electron/core/monitors/gpu/processes/containerLookup';
import type { DockerApi, RawContainerDetails } from '../../../../../electron/core/monitors/docker/dockerApi';
import { ManualClock, flushPromises } from '../../../../support/manualClock';

const ID = 'a'.repeat(64);

/** Only inspect matters here; it answers from `details`, or hangs while `hang` is set. */
function fakeApi(details: Record<string, unknown>) {
  const calls: string[] = [];
  const state = { hang: false };
  const api = {
    inspectContainer(id: string, signal: AbortSignal): Promise<RawContainerDetails> {
      calls.push(id);
      if (state.hang) return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      const found = details[id];
      if (!found) return Promise.reject(Object.assign(new Error('no such container'), { statusCode: 404 }));
      return Promise.resolve(found as RawContainerDetails);
    },
  } as unknown as DockerApi;
  return { api, calls, state };
}

test('name without the slash, compose project and service; cached by id', async () => {
  const clock = new ManualClock();
  const { api, calls } = fakeApi({ [ID]: { Name: '/shop-worker-1', Config: { Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'worker' } } } });
  const lookup = createContainerLookup(() => api, clock);
  const [a, b] = await Promise.all([lookup.lookup(ID), lookup.lookup(ID)]);
  assert.deepEqual(a, { name: 'shop-worker-1', stack: 'shop', service: 'worker' });
  assert.deepEqual(b, a);
  assert.equal(calls.length, 1, 'one inspect in flight per id');
  await clock.advance(2 * 60_000);
  await lookup.lookup(ID);
  assert.equal(calls.length, 1, 'still cached');
  await clock.advance(60_001);
  await lookup.lookup(ID);
  assert.equal(calls.length, 2, 'asked again after a few minutes');
});

test('a standalone container has no stack; odd label values are ignored', async () => {
  const clock = new ManualClock();
  const { api } = fakeApi({ [ID]: { Name: '/solo', Config: { Labels: { 'com.docker.compose.project': 42 } } } });
  assert.deepEqual(await createContainerLookup(() => api, clock).lookup(ID), { name: 'solo', stack: null, service: null });
});

test('unknown to Docker: null, remembered briefly', async () => {
  const clock = new ManualClock();
  const { api, calls } = fakeApi({});
  const lookup = createContainerLookup(() => api, clock);
  assert.equal(await lookup.lookup(ID), null);
  assert.equal(await lookup.lookup(ID), null);
  assert.equal(calls.length, 1);
  await clock.advance(15_001);
  await lookup.lookup(ID);
  assert.equal(calls.length, 2);
});

test('a hung engine: null at the deadline (the request is aborted); no Docker at all: null without asking', async () => {
  const clock = new ManualClock();
  const { api, state } = fakeApi({});
  state.hang = true;
  const lookup = createContainerLookup(() => api, clock, { timeoutMs: 2_000 });
  let result: unknown = 'pending';
  void lookup.lookup(ID).then((r) => (result = r));
  await flushPromises();
  assert.equal(result, 'pending');
  await clock.advance(2_000);
  assert.equal(result, null);
  assert.equal(await createContainerLookup(() => null, clock).lookup(ID), null);
});

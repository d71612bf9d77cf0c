// Event times come from one clock: a Docker event whose engine timestamp is ahead of ours (a VM's
// clock, Docker Desktop) is dated when Opsbar received it, never "in the future".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DockerEventMapper } from '../../../electron/core/monitors/docker/eventMapping';

const RECEIVED = 1_795_480_441_938;

function dieAt(timeNano: number): Record<string, unknown> {
  return { Type: 'container', Action: 'die', Actor: { ID: 'abc', Attributes: { name: 'demo-api', exitCode: '1' } }, time: Math.floor(timeNano / 1e9), timeNano };
}

test('an event stamped ahead of our clock is dated when it was received, the engine time kept as an attribute', () => {
  const ahead = RECEIVED + 90_000;
  const event = new DockerEventMapper().map(dieAt(ahead * 1e6), RECEIVED)?.opsEvent;
  assert.equal(event?.at, RECEIVED);
  assert.equal(event?.attributes.engineTime, new Date(ahead).toISOString());
});

test('an event from the past keeps its engine time; within a second no engineTime attribute', () => {
  const mapper = new DockerEventMapper();
  const earlier = mapper.map(dieAt((RECEIVED - 5_000) * 1e6), RECEIVED)?.opsEvent;
  assert.equal(earlier?.at, RECEIVED - 5_000);
  assert.equal(earlier?.attributes.engineTime, new Date(RECEIVED - 5_000).toISOString());
  const close = mapper.map(dieAt((RECEIVED - 300) * 1e6), RECEIVED)?.opsEvent;
  assert.equal(close?.at, RECEIVED - 300);
  assert.equal(close?.attributes.engineTime, undefined);
});

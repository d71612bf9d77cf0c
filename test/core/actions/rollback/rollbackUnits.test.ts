// The pure parts of snapshots and rollback: start order, depends_on, differences, create config, tags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConfigFrom, dependsOnFrom, type ContainerInspect } from '../../../../electron/core/actions/rollback/containerCreateConfig';
import { snapshotRepository, tagTime } from '../../../../electron/core/actions/rollback/protectedTags';
import { containerDigest } from '../../../../electron/core/actions/rollback/snapshotDigest';
import { snapshotDifferences } from '../../../../electron/core/actions/rollback/snapshotDiff';
import { startOrder } from '../../../../electron/core/actions/rollback/startOrder';

const svc = (name: string, dependsOn: string[] = [], service: string | null = name) => ({ name: `demo-${name}-1`, service, dependsOn });

test('start order: every container after the services it depends on, ties by name', () => {
  const { order, cycle } = startOrder([svc('web', ['api', 'cache']), svc('api', ['db']), svc('db'), svc('cache'), svc('worker', ['db', 'missing'])]);
  assert.deepEqual(
    order.map((c) => c.name),
    ['demo-cache-1', 'demo-db-1', 'demo-api-1', 'demo-web-1', 'demo-worker-1'],
  );
  assert.deepEqual(cycle, []);
});

test('start order: replicas of a service all start before its dependents; a cycle is said and broken by name', () => {
  const replicas = startOrder([svc('web', ['db']), { name: 'demo-db-2', service: 'db', dependsOn: [] }, svc('db')]);
  assert.deepEqual(
    replicas.order.map((c) => c.name),
    ['demo-db-1', 'demo-db-2', 'demo-web-1'],
  );
  const loop = startOrder([svc('a', ['b']), svc('b', ['a']), svc('c')]);
  assert.deepEqual(
    loop.order.map((c) => c.name),
    ['demo-c-1', 'demo-a-1', 'demo-b-1'],
  );
  assert.deepEqual(loop.cycle, ['demo-a-1', 'demo-b-1']);
});

test('depends_on: the compose label in both of its formats', () => {
  assert.deepEqual(dependsOnFrom({ 'com.docker.compose.depends_on': 'db:service_healthy:true,cache:service_started:false' }), ['db', 'cache']);
  assert.deepEqual(dependsOnFrom({ 'com.docker.compose.depends_on': 'db,cache' }), ['db', 'cache']);
  assert.deepEqual(dependsOnFrom({ 'com.docker.compose.depends_on': '' }), []);
  assert.deepEqual(dependsOnFrom(null), []);
});

const inspect: ContainerInspect = {
  Id: 'abcdef0123456789'.repeat(4),
  Name: '/demo-web-1',
  Image: 'sha256:' + '1'.repeat(64),
  Config: { Image: 'nginx:1.25', Hostname: 'abcdef012345', Env: ['A=1'], Cmd: ['nginx'], Labels: { 'com.docker.compose.project': 'demo' } },
  HostConfig: { NetworkMode: 'demo_default', Binds: ['/srv:/srv'], DeviceRequests: [{ Driver: 'nvidia', Count: -1, Capabilities: [['gpu']] }] },
  NetworkSettings: { Networks: { demo_default: { Aliases: ['web', 'abcdef012345'], IPAMConfig: null, Links: null }, other: { Aliases: null } } },
  Mounts: [{ Type: 'volume', Name: 'pgdata', Source: '/var/lib/docker/volumes/pgdata/_data', Destination: '/data' }],
};

test('create configuration: the image by id, labels and HostConfig kept (GPUs too), own hostname and alias dropped', () => {
  const create = createConfigFrom(inspect) as Record<string, unknown> & {
    HostConfig: { DeviceRequests: unknown };
    NetworkingConfig: { EndpointsConfig: Record<string, { Aliases: string[] }> };
  };
  assert.equal(create.name, 'demo-web-1');
  assert.equal(create.Image, inspect.Image);
  assert.equal('Hostname' in create, false);
  assert.deepEqual(create.Labels, { 'com.docker.compose.project': 'demo' });
  assert.deepEqual(create.HostConfig.DeviceRequests, inspect.HostConfig.DeviceRequests);
  assert.deepEqual(create.NetworkingConfig.EndpointsConfig.demo_default.Aliases, ['web']);
  assert.deepEqual(Object.keys(create.NetworkingConfig.EndpointsConfig), ['demo_default', 'other']);
  const named = createConfigFrom({ ...inspect, Config: { ...inspect.Config, Hostname: 'web.local' } }) as Record<string, unknown>;
  assert.equal(named.Hostname, 'web.local');
});

test('config digest: a recreate alone is not a change; env, image and labels are', () => {
  const parts = { imageId: 'sha256:1', env: ['A=1', 'B=2'], cmd: ['x'], labels: { 'com.docker.compose.project': 'demo' }, mounts: [] };
  const base = containerDigest(parts);
  assert.equal(containerDigest({ ...parts, env: ['B=2', 'A=1'], labels: { ...parts.labels, 'com.docker.compose.replace': 'old' } }), base);
  assert.notEqual(containerDigest({ ...parts, env: ['A=2', 'B=2'] }), base);
  assert.notEqual(containerDigest({ ...parts, imageId: 'sha256:2' }), base);
  assert.notEqual(containerDigest({ ...parts, labels: { ...parts.labels, tier: 'front' } }), base);
});

test('differences: one line per container, "same as now" when nothing differs', () => {
  const c = (name: string, imageId: string, env: string[] = [], imageRef = 'app:1') => ({ name, imageId, imageRef, mounts: [], create: { Env: env, Cmd: ['run'] } });
  const id1 = 'sha256:' + 'a'.repeat(64);
  const id2 = 'sha256:' + 'b'.repeat(64);
  assert.deepEqual(snapshotDifferences([c('web', id1)], [c('web', id1)]), ['same as now']);
  assert.deepEqual(snapshotDifferences([c('web', id1), c('worker', id1), c('api', id1, ['A=1'])], [c('web', id2, [], 'app:2'), c('api', id1, ['A=2']), c('extra', id1)]), [
    `web: image app:1 (sha256:aaaaaaaaaaaa) → now app:2 (sha256:bbbbbbbbbbbb)`,
    'worker: not present now',
    'api: env changed',
    'extra: not in the snapshot',
  ]);
  assert.deepEqual(snapshotDifferences([c('web', id1)], [c('web', id2)]), ['web: image app:1 (sha256:aaaaaaaaaaaa) → now sha256:bbbbbbbbbbbb']);
});

test('protected tags: a repository Docker accepts, a UTC time tag', () => {
  assert.equal(snapshotRepository('demo'), 'opsbar-snapshot/demo');
  assert.equal(snapshotRepository('my..stack_-x-'), 'opsbar-snapshot/my-stack-x');
  assert.equal(tagTime(Date.parse('2026-12-02T10:04:05.678Z')), '20261202T100405');
});

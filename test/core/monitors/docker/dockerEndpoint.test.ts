import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEndpoint, parseDockerEndpoint, resolveDockerEndpoint } from '../../../../electron/core/monitors/docker/dockerEndpoint';

const none = () => false;
const only = (...paths: string[]) => (p: string) => paths.includes(p);

test('autodetect lists the well-known sockets in order and picks the first that exists', () => {
  const r = resolveDockerEndpoint({
    configured: '',
    env: { XDG_RUNTIME_DIR: '/run/user/1000' },
    homedir: '/home/ops',
    exists: only('/home/ops/.colima/default/docker.sock', '/run/user/1000/podman/podman.sock'),
  });
  assert.deepEqual(r.candidates.map(describeEndpoint), [
    '/var/run/docker.sock',
    '/home/ops/.docker/run/docker.sock',
    '/home/ops/.colima/default/docker.sock',
    '/home/ops/.orbstack/run/docker.sock',
    '/run/user/1000/podman/podman.sock',
  ]);
  assert.equal(r.chosen && describeEndpoint(r.chosen), '/home/ops/.colima/default/docker.sock');
  assert.equal(r.chosen?.source, 'colima');
});

test('the system socket wins over Docker Desktop when both exist', () => {
  const r = resolveDockerEndpoint({ configured: '', env: {}, homedir: '/Users/a', exists: () => true });
  assert.equal(r.chosen?.source, 'default');
  assert.equal(r.candidates.some((c) => c.source === 'podman'), false, 'no XDG_RUNTIME_DIR, no podman candidate');
});

test('no socket anywhere: candidates listed, nothing chosen', () => {
  const r = resolveDockerEndpoint({ configured: '', env: {}, homedir: '/home/ops', exists: none });
  assert.equal(r.chosen, null);
  assert.equal(r.candidates.length, 4);
});

test('DOCKER_HOST unix:// comes first, and is not repeated', () => {
  const r = resolveDockerEndpoint({ configured: '', env: { DOCKER_HOST: 'unix:///var/run/docker.sock' }, homedir: '/h', exists: () => true });
  assert.equal(r.candidates[0].source, 'DOCKER_HOST');
  assert.equal(r.candidates.filter((c) => describeEndpoint(c) === '/var/run/docker.sock').length, 1);
  const other = resolveDockerEndpoint({ configured: '', env: { DOCKER_HOST: 'unix:///tmp/d.sock' }, homedir: '/h', exists: only('/tmp/d.sock', '/var/run/docker.sock') });
  assert.equal(other.chosen && describeEndpoint(other.chosen), '/tmp/d.sock');
});

test('a tcp:// DOCKER_HOST is ignored unless configured, and says why', () => {
  const r = resolveDockerEndpoint({ configured: '', env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' }, homedir: '/h', exists: only('/var/run/docker.sock') });
  assert.equal(r.candidates.some((c) => c.kind === 'tcp'), false);
  assert.equal(r.chosen?.source, 'default');
  assert.match(r.ignored[0].value, /DOCKER_HOST=tcp:\/\/10\.0\.0\.5:2375/);
  assert.match(r.ignored[0].reason, /docker\.endpoint/);
});

test('a configured endpoint is used alone, even when its socket is missing', () => {
  const tcp = resolveDockerEndpoint({ configured: 'tcp://127.0.0.1:2375', env: { DOCKER_HOST: 'unix:///x.sock' }, homedir: '/h', exists: () => true });
  assert.deepEqual(tcp.chosen, { kind: 'tcp', host: '127.0.0.1', port: 2375, source: 'configured' });
  assert.equal(tcp.candidates.length, 1);
  const path = resolveDockerEndpoint({ configured: ' /srv/docker.sock ', env: {}, homedir: '/h', exists: none });
  assert.deepEqual(path.chosen, { kind: 'unix', socketPath: '/srv/docker.sock', source: 'configured' });
  const unix = resolveDockerEndpoint({ configured: 'unix:///srv/d.sock', env: {}, homedir: '/h', exists: none });
  assert.equal(unix.chosen && describeEndpoint(unix.chosen), '/srv/d.sock');
});

test('an unusable configured endpoint chooses nothing and explains', () => {
  for (const bad of ['ssh://me@host', 'unix://relative.sock', 'tcp://', 'docker.sock', 'tcp://host:2376']) {
    const r = resolveDockerEndpoint({ configured: bad, env: {}, homedir: '/h', exists: () => true });
    assert.equal(r.chosen, null, bad);
    assert.equal(r.ignored[0].value, bad);
  }
});

test('parseDockerEndpoint defaults the tcp port and strips IPv6 brackets', () => {
  assert.deepEqual(parseDockerEndpoint('tcp://localhost', 'configured'), { ok: true, endpoint: { kind: 'tcp', host: 'localhost', port: 2375, source: 'configured' } });
  const v6 = parseDockerEndpoint('tcp://[::1]:2375', 'configured');
  assert.equal(v6.ok && v6.endpoint.kind === 'tcp' && v6.endpoint.host, '::1');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DockerApi } from '../../../../electron/core/monitors/docker/dockerApi';
import { createDockerClientProvider } from '../../../../electron/core/monitors/docker/dockerClientProvider';
import type { DockerEndpoint } from '../../../../electron/core/monitors/docker/dockerEndpoint';
import { dockerHealthSourceFrom } from '../../../../electron/core/runbooks/steps/dockerHealthSource';
import { systemClock } from '../../../../electron/core/clock';

test('the client follows docker.endpoint without a restart, and is rebuilt only when it points elsewhere', async () => {
  const settings = { docker: { enabled: true, endpoint: 'unix:///run/a.sock' } };
  const built: string[] = [];
  const provider = createDockerClientProvider({
    settings: () => settings,
    env: {},
    homedir: '/nonexistent',
    exists: () => true,
    createClient: (endpoint: DockerEndpoint) => {
      built.push(endpoint.kind === 'unix' ? endpoint.socketPath : `${endpoint.host}:${endpoint.port}`);
      return { listContainers: async () => [{ Id: 'x', Names: [`/${built.length}`] }] } as unknown as DockerApi;
    },
  });
  provider.current();
  provider.current();
  assert.deepEqual(built, ['/run/a.sock']);
  settings.docker.endpoint = 'unix:///run/b.sock';
  assert.ok(provider.current().api);
  assert.deepEqual(built, ['/run/a.sock', '/run/b.sock']);

  // Runbook steps built once at start see the new endpoint at their next call.
  const steps = dockerHealthSourceFrom(provider, systemClock);
  settings.docker.endpoint = 'unix:///run/c.sock';
  await steps.stack('none').catch(() => undefined);
  assert.equal(built.at(-1), '/run/c.sock');
  settings.docker.enabled = false;
  await assert.rejects(steps.container('x'), /docker\.enabled: false/);
});

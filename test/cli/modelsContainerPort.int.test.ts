// `opsbar models` finds a model server that only a container's published port leads to: the
// one-shot reads Docker first (the models module's peer), then searches that port. The server is
// mlx-lm's documented GET surface (`/health` → {"status":"ok"}, `/v1/models`) served by busybox
// httpd inside a real container on the real engine.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { removeTestStacks, requireDocker, TEST_IMAGE, TEST_LABEL, testDocker } from '../support/dockerEngine';
import { eventually } from '../support/eventually';
import { runOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

after(() => removeTestStacks());

const MODEL = 'mlx-community/Qwen3-4B-4bit';
const SERVE = [
  'mkdir -p /www/v1',
  `echo '{"status":"ok"}' > /www/health`,
  `echo '{"object":"list","data":[{"id":"${MODEL}","object":"model","created":1}]}' > /www/v1/models`,
  'exec httpd -f -p 8080 -h /www',
].join(' && ');

test('a model server behind a container port that no loopback search covers is found, with its container', async (t) => {
  if (!(await requireDocker(t))) return;
  const name = `opsbar-t${process.pid}-mlx`;
  const container = await testDocker().createContainer({
    name,
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', SERVE],
    Labels: { [TEST_LABEL]: '1', 'opsbar.test.pid': String(process.pid) },
    ExposedPorts: { '8080/tcp': {} },
    HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    StopTimeout: 1,
  });
  await container.start();
  const hostPort = Number((await container.inspect()).NetworkSettings.Ports['8080/tcp']?.[0]?.HostPort);
  assert.ok(hostPort > 0);
  await eventually('httpd in the container to answer', async () => (await fetch(`http://127.0.0.1:${hostPort}/health`).catch(() => null))?.ok === true);

  const dataDir = tempDir('opsbar-models-container-');
  // No loopback port is searched: only the container's published port can lead to the server.
  writeFileSync(join(dataDir, 'config.yaml'), 'models:\n  detectPorts: []\n');
  const { code, stdout, stderr } = await runOpsbar(['models', '--json', '--data-dir', dataDir]);
  assert.equal(code, 0, stderr);
  const models = JSON.parse(stdout);
  const found = models.endpoints.find((e: { url: string }) => e.url === `http://127.0.0.1:${hostPort}`);
  assert.ok(found, `found at the published port: ${stdout}`);
  assert.equal(found.kind, 'mlx');
  assert.equal(found.source, 'autodetected');
  assert.deepEqual(found.container, { name, stack: null });
  assert.deepEqual(found.models.map((m: { name: string; loaded: boolean }) => [m.name, m.loaded]), [
    ['default_model', true],
    [MODEL, false],
  ]);
});

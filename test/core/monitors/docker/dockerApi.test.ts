import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const dockerApiFile = join(__dirname, '..', '..', '..', '..', 'electron', 'core', 'monitors', 'docker', 'dockerApi.ts');

/** Runs `body` in a fresh Node (the require cache is per process) and returns what it printed as JSON. */
function inFreshNode(body: string): Record<string, unknown> {
  const script = `const heavy = () => Object.keys(require.cache).filter((k) => /node_modules\\/(@grpc|protobufjs|ssh2)\\//.test(k)).length;\n${body}`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '..', '..', '..', '..'), encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return JSON.parse(out.trim().split('\n').pop() as string);
}

test('the Docker client loads without gRPC, protobufjs or ssh2, which still load the moment dockerode needs them', () => {
  const result = inFreshNode(`
    const { createDockerode } = require(${JSON.stringify(dockerApiFile)});
    const docker = createDockerode({ kind: 'unix', socketPath: '/nonexistent/docker.sock' });
    const before = heavy();
    const sshFile = require.resolve('docker-modem/lib/ssh.js', { paths: [require.resolve('dockerode')] });
    const agent = require.cache[sshFile].exports({ host: 'example.invalid', port: 22 });
    console.log(JSON.stringify({ before, api: typeof docker.listContainers, agent: typeof agent.createConnection, after: heavy() }));
  `);
  assert.equal(result.before, 0);
  assert.equal(result.api, 'function');
  assert.equal(result.agent, 'function', 'the ssh stand-in hands back the real agent');
  assert.ok((result.after as number) > 0, 'ssh2 loaded on first use');
});

test('a dockerode already loaded in full (tests, other code) is left as it is', () => {
  const result = inFreshNode(`
    require('dockerode');
    const loaded = heavy();
    const { createDockerode } = require(${JSON.stringify(dockerApiFile)});
    createDockerode({ kind: 'unix', socketPath: '/nonexistent/docker.sock' });
    console.log(JSON.stringify({ loaded, same: heavy() === loaded }));
  `);
  assert.ok((result.loaded as number) > 0);
  assert.equal(result.same, true);
});

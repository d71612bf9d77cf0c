// `opsbar models` as a user runs it: the built CLI over a config naming a loopback model server.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startFakeModelServer, type FakeModelServer } from '../support/fakeModelKinds';
import { runOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

const servers: FakeModelServer[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

/** A data dir whose config names `endpoints` and searches no loopback port (the host may run real servers). */
function dataDirWith(endpoints: string): string {
  const dir = tempDir('opsbar-models-cli-');
  writeFileSync(join(dir, 'config.yaml'), `docker:\n  enabled: false\nmodels:\n  detectPorts: []\n  endpoints:\n${endpoints}`);
  return dir;
}

test('opsbar models --json: a configured server with its loaded models; a dead one is down; the key stays secret', async () => {
  const ollama = await startFakeModelServer('ollama', {
    version: '0.6.2',
    apiKey: 'cli-secret-key',
    models: [
      { name: 'llama3.1:8b', loaded: true, sizeBytes: 6e9, vramBytes: 5e9 },
      { name: 'qwen3:4b', loaded: false, sizeBytes: 2e9 },
    ],
  });
  servers.push(ollama);
  const dead = await startFakeModelServer('vllm');
  await dead.close();
  const dataDir = dataDirWith(`    - url: ${ollama.url}\n      name: Lab Ollama\n      apiKeyEnv: OPSBAR_CLI_TEST_KEY\n    - url: ${dead.url}\n      kind: vllm\n`);
  const { code, stdout, stderr } = await runOpsbar(['models', '--json', '--data-dir', dataDir], { OPSBAR_CLI_TEST_KEY: 'cli-secret-key' });
  assert.equal(code, 0, stderr);
  assert.ok(!stdout.includes('cli-secret-key'), 'the key is never printed');
  const models = JSON.parse(stdout);
  assert.equal(models.state, 'ok');
  assert.deepEqual(
    models.endpoints.map((e: { url: string; name: string; kind: string; version: string; up: boolean; state: string; severity: string }) => [e.url, e.name, e.kind, e.version, e.up, e.state, e.severity]),
    [
      [ollama.url, 'Lab Ollama', 'ollama', '0.6.2', true, 'up', 'ok'],
      [dead.url, `vLLM :${dead.port}`, 'vllm', null, false, 'down', 'critical'],
    ],
  );
  const [lab] = models.endpoints;
  assert.equal(typeof lab.latencyMs, 'number');
  assert.deepEqual(
    lab.models.map((m: { name: string; loaded: boolean; sizeBytes: number; vramBytes: number | null }) => [m.name, m.loaded, m.sizeBytes, m.vramBytes]),
    [
      ['llama3.1:8b', true, 6e9, 5e9],
      ['qwen3:4b', false, 2e9, null],
    ],
  );
  assert.ok('lastProbe' in lab);
});

test('opsbar models (text) and status: the section lists the server and its models', async () => {
  const llamacpp = await startFakeModelServer('llamacpp', { models: [{ name: 'gemma-3-4b-it-Q4_K_M.gguf', loaded: true }] });
  servers.push(llamacpp);
  const dataDir = dataDirWith(`    - url: ${llamacpp.url}\n`);
  const alone = await runOpsbar(['models', '--data-dir', dataDir]);
  assert.equal(alone.code, 0, alone.stderr);
  assert.match(alone.stdout, new RegExp(`"llama.cpp :${llamacpp.port}" ${llamacpp.url} \\(llama\\.cpp b6000-abcdef0, configured\\): up`));
  assert.match(alone.stdout, /"gemma-3-4b-it-Q4_K_M\.gguf" · loaded/);
  const status = await runOpsbar(['status', '--json', '--data-dir', dataDir]);
  const parsed = JSON.parse(status.stdout);
  assert.equal(parsed.models.endpoints[0].url, llamacpp.url);
  assert.ok(parsed.checks.some((c: { id: string; summary: string }) => c.id === 'models' && c.summary === '1 server, 1 model loaded'), JSON.stringify(parsed.checks));
});

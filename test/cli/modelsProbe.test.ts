// `opsbar models probe` as a user runs it (the built CLI, no app running) against a loopback Ollama
// named in the config: one probe per loaded model within 2% of the server's true rate, written to
// the data dir's history, where `opsbar models --json` and `opsbar status --json` then show it.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ModelProbeFailure, ModelProbeRecord } from '../../shared/types/models';
import { startServingModelServer, type ServingModelServer } from '../support/servingModelServer';
import type { FakeModelOptions } from '../support/fakeModelServer';
import { runOpsbar } from '../support/opsbarProcess';
import { tempDir } from '../support/tempDir';

const servers: ServingModelServer[] = [];
after(() => Promise.all(servers.splice(0).map((s) => s.close())));

/** One Ollama with llama3.2 loaded and qwen3:32b on disk, streaming at a known rate. */
async function ollama(stream: FakeModelOptions = {}): Promise<ServingModelServer> {
  const models = [{ name: 'llama3.2:latest', loaded: true, sizeBytes: 2_000_000_000, vramBytes: 2_000_000_000 }, { name: 'qwen3:32b', loaded: false }];
  const server = await startServingModelServer('ollama', { models }, { tokensPerSecond: 40, ...stream });
  servers.push(server);
  return server;
}

function dataDirFor(url: string): string {
  const dir = tempDir('opsbar-models-cli-');
  writeFileSync(join(dir, 'config.yaml'), `docker:\n  enabled: false\nmodels:\n  autodetect: false\n  endpoints:\n    - url: ${url}\n      kind: ollama\n`);
  return dir;
}

/** Rows in the data dir's model_probes table, read straight from the file. */
function storedProbes(dataDir: string): number {
  const db = new Database(join(dataDir, 'opsbar.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM model_probes').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

type ProbeOutput = { probes: ModelProbeRecord[]; failures: ModelProbeFailure[]; skipped: { endpoint: string; model: string | null; reason: string }[] };

test('models probe --json measures the loaded model within 2% of the true rate; models --json and status --json show it as lastProbe', async () => {
  const server = await ollama({ tokensPerSecond: 40 });
  const dataDir = dataDirFor(server.url);
  const probed = await runOpsbar(['models', 'probe', '--json', '--data-dir', dataDir]);
  assert.equal(probed.code, 0, probed.stderr + probed.stdout);
  const output = JSON.parse(probed.stdout) as ProbeOutput;
  assert.deepEqual(output.failures, []);
  assert.deepEqual(output.skipped, []);
  assert.equal(output.probes.length, 1, 'only the loaded model');
  const [probe] = output.probes;
  assert.deepEqual([probe.endpoint, probe.model, probe.trigger, probe.source, probe.estimated, probe.cold], [server.url, 'llama3.2:latest', 'operator', 'client', false, false]);
  assert.equal(probe.completionTokens, 64);
  const truth = server.stream.streams[0].tokensPerSecond;
  const error = Math.abs(probe.decodeTokensPerSecond! - truth) / truth;
  assert.ok(error < 0.02, `decode ${probe.decodeTokensPerSecond} tok/s vs the server's true ${truth} tok/s (${(error * 100).toFixed(2)}% off)`);
  assert.equal(server.stream.requests.length, 1);
  assert.equal(server.stream.requests[0].body.model, 'llama3.2:latest');
  assert.equal(storedProbes(dataDir), 1);

  const models = await runOpsbar(['models', '--json', '--data-dir', dataDir]);
  assert.equal(models.code, 0, models.stderr);
  const section = JSON.parse(models.stdout) as { endpoints: { url: string; lastProbe: ModelProbeRecord | null; models: { name: string; lastProbe: ModelProbeRecord | null; recentDecode: number[] }[] }[] };
  const [endpoint] = section.endpoints;
  assert.equal(endpoint.url, server.url);
  assert.deepEqual(endpoint.lastProbe, probe);
  const loaded = endpoint.models.find((m) => m.name === 'llama3.2:latest');
  assert.deepEqual(loaded?.lastProbe, probe);
  assert.deepEqual(loaded?.recentDecode, [probe.decodeTokensPerSecond]);
  assert.equal(endpoint.models.find((m) => m.name === 'qwen3:32b')?.lastProbe, null);

  const status = JSON.parse((await runOpsbar(['status', '--json', '--data-dir', dataDir])).stdout) as { models: typeof section };
  assert.deepEqual(status.models.endpoints[0].lastProbe, probe);
  assert.equal(server.stream.requests.length, 1, 'reading the history probes nothing');
});

test('a model that is not loaded is skipped (exit 3) unless --load; the table names what was measured', async () => {
  const server = await ollama({ tokensPerSecond: 400 });
  const dataDir = dataDirFor(server.url);
  const refused = await runOpsbar(['models', 'probe', '--model', 'qwen3:32b', '--endpoint', server.url, '--json', '--data-dir', dataDir]);
  assert.equal(refused.code, 3, refused.stderr);
  const port = new URL(server.url).port;
  assert.deepEqual((JSON.parse(refused.stdout) as ProbeOutput).skipped, [
    { endpoint: server.url, model: 'qwen3:32b', reason: `qwen3:32b is not loaded on Ollama :${port}; a probe would load it. Ask with load to probe it anyway.` },
  ]);
  assert.equal(server.stream.requests.length, 0);

  const loaded = await runOpsbar(['models', 'probe', '--model', 'qwen3:32b', '--load', '--data-dir', dataDir]);
  assert.equal(loaded.code, 0, loaded.stderr + loaded.stdout);
  const [header, row] = loaded.stdout.split('\n');
  assert.match(header, /^ENDPOINT\s+MODEL\s+TTFT ms\s+DECODE tok\/s\s+PREFILL tok\/s\s+TOKENS\s+LOAD\s+SOURCE$/);
  assert.match(row, new RegExp(`^${server.url.replace(/[.]/g, '\\.')}\\s+qwen3:32b\\s+\\d+\\s+\\d+\\.\\d\\s+\\d+\\s+64\\s+warm\\s+client$`));
  assert.equal(server.stream.requests[0].body.model, 'qwen3:32b');

  server.kind.setModels([{ name: 'llama3.2:latest', loaded: false }]);
  const none = await runOpsbar(['models', 'probe', '--data-dir', dataDir]);
  assert.equal(none.code, 3, none.stderr);
  assert.match(none.stdout, /has no model loaded, so nothing was probed there/);
});

test('a server that answers the probe with a web page: exit 1, the reason, nothing stored', async () => {
  const server = await ollama({ hostile: 'html' });
  const dataDir = dataDirFor(server.url);
  const probed = await runOpsbar(['models', 'probe', '--json', '--data-dir', dataDir]);
  assert.equal(probed.code, 1, probed.stderr + probed.stdout);
  const output = JSON.parse(probed.stdout) as ProbeOutput;
  assert.deepEqual(output.probes, []);
  assert.deepEqual(output.failures.map((f) => [f.endpoint, f.model]), [[server.url, 'llama3.2:latest']]);
  assert.ok(output.failures[0].reason.length > 20, output.failures[0].reason);
  assert.equal(storedProbes(dataDir), 0);
  const models = JSON.parse((await runOpsbar(['models', '--json', '--data-dir', dataDir])).stdout) as { endpoints: { lastProbe: unknown }[] };
  assert.equal(models.endpoints[0].lastProbe, null);
});

test("models probe on mlx-lm probes the model it was started with (default_model), never a listed one it would have to load", async () => {
  const server = await startServingModelServer('mlx', { models: [{ name: 'mlx-community/Qwen3-4B-4bit', loaded: false }] }, { tokensPerSecond: 35 });
  servers.push(server);
  const dir = tempDir('opsbar-models-cli-');
  writeFileSync(join(dir, 'config.yaml'), `docker:\n  enabled: false\nmodels:\n  autodetect: false\n  endpoints:\n    - url: ${server.url}\n`);
  const probed = await runOpsbar(['models', 'probe', '--json', '--data-dir', dir]);
  assert.equal(probed.code, 0, probed.stderr + probed.stdout);
  const output = JSON.parse(probed.stdout) as ProbeOutput;
  assert.deepEqual(output.probes.map((p) => p.model), ['default_model']);
  assert.deepEqual(server.stream.requests.map((r) => [r.path, r.body.model, (r.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage]), [['/v1/chat/completions', 'default_model', true]]);
  const truth = server.stream.streams[0].tokensPerSecond;
  assert.ok(Math.abs(output.probes[0].decodeTokensPerSecond! - truth) / truth < 0.02, `${output.probes[0].decodeTokensPerSecond} vs ${truth}`);
});

test('models probe --endpoint of a server the config does not list probes it for this run (nothing is written to the config)', async () => {
  const server = await ollama({ tokensPerSecond: 40 });
  const dir = tempDir('opsbar-models-cli-');
  writeFileSync(join(dir, 'config.yaml'), 'docker:\n  enabled: false\nmodels:\n  detectPorts: []\n');
  const probed = await runOpsbar(['models', 'probe', '--endpoint', `${server.url}/`, '--json', '--data-dir', dir]);
  assert.equal(probed.code, 0, probed.stderr + probed.stdout);
  const output = JSON.parse(probed.stdout) as ProbeOutput;
  assert.deepEqual(output.probes.map((p) => [p.endpoint, p.model]), [[server.url, 'llama3.2:latest']]);
  assert.equal(readFileSync(join(dir, 'config.yaml'), 'utf8'), 'docker:\n  enabled: false\nmodels:\n  detectPorts: []\n');
  const bad = await runOpsbar(['models', 'probe', '--endpoint', 'not a url', '--data-dir', dir]);
  assert.equal(bad.code, 64);
  assert.match(bad.stderr, /--endpoint must be a URL such as http:\/\/127\.0\.0\.1:11434/);
});

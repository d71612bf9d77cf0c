// The probe service in the composition root: one reading of the models module tells it what is
// loaded, `models.probe` starts a probe, its progress goes out live as `model-probe`, and
// `models.probes` reads it back from the history file.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createOpsbarCore } from '../../../../../electron/core/createCore';
import { silentLogger } from '../../../../../electron/core/logger';
import type { LiveMessage } from '../../../../../shared/api/live';
import type { ModelProbeProgress } from '../../../../../shared/types/models';
import { eventually } from '../../../../support/eventually';
import { startFakeModelServer } from '../../../../support/fakeModelKinds';
import { tempDir } from '../../../../support/tempDir';
import { startServingModelServer } from '../../../../support/servingModelServer';

const MODEL = 'qwen2.5-7b-instruct';

async function coreWith(url: string) {
  const dataDir = tempDir('opsbar-core-probes-');
  writeFileSync(join(dataDir, 'config.yaml'), `docker:\n  enabled: false\nmodels:\n  autodetect: false\n  endpoints:\n    - url: ${url}\n      kind: lmstudio\n`);
  const core = createOpsbarCore({ dataDir, log: silentLogger, role: 'cli' });
  const live: ModelProbeProgress[] = [];
  core.subscribe((message: LiveMessage) => {
    if (message.type === 'model-probe') live.push(message.progress);
  });
  after(() => core.stop());
  return { core, live };
}

test('models.probe → live model-probe started, first token, finished → models.probes reads the stored record', async () => {
  const server = await startServingModelServer('lmstudio', { models: [{ name: MODEL, loaded: true }] }, { tokensPerSecond: 2000, extras: 'lmstudio' });
  after(() => server.close());
  const { core, live } = await coreWith(server.url);
  await core.collectOnce(['models']);
  const answer = await core.dispatch('models.probe', {});
  assert.deepEqual(answer, { ok: true, value: { started: [{ endpoint: server.url, model: MODEL }], skipped: [] } });
  await eventually('the probe to end', () => live.some((p) => p.phase === 'failed' || p.phase === 'finished'));
  assert.deepEqual(live.map((p) => p.phase), ['started', 'first-token', 'finished']);
  const [, firstToken, finished] = live;
  assert.ok(firstToken.phase === 'first-token' && finished.phase === 'finished');
  assert.equal(firstToken.ttftMs, finished.record.client.ttftMs, 'the live first token is the measured TTFT');
  assert.equal(finished.record.server?.kind, 'lmstudio', 'probed on LM Studio\'s own path, which adds stats');
  const history = await core.dispatch('models.probes', { endpoint: server.url, model: MODEL, from: 0, to: Date.now() + 60_000 });
  assert.deepEqual(history, { ok: true, value: [finished.record] });
});

test('a probe that fails goes out live as failed and is not in models.probes', async () => {
  // The kind fake alone answers GETs only: the probe's POST gets LM Studio's "unexpected endpoint".
  const server = await startFakeModelServer('lmstudio', { models: [{ name: MODEL, loaded: true }] });
  after(() => server.close());
  const { core, live } = await coreWith(server.url);
  await core.collectOnce(['models']);
  const { done } = core.modelProbes.probeNow({});
  const [failure] = await done;
  assert.ok('reason' in failure);
  assert.deepEqual(live.map((p) => p.phase), ['started', 'failed']);
  assert.deepEqual(core.modelProbes.scheduleView(server.url, 30).lastFailure, failure);
  const history = await core.dispatch('models.probes', { endpoint: server.url, model: MODEL, from: 0, to: Date.now() + 60_000 });
  assert.deepEqual(history, { ok: true, value: [] }, 'a failure is not a measurement');
});

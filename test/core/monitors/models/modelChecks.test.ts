// The models module's checks: a table of snapshots and what they should say.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelChecks, targetFor } from '../../../../electron/core/monitors/models/modelChecks';
import { modelsSettings } from './modelsHarness';
import { down, endpoint, model, snapshotOf } from './modelsViews';

const settings = modelsSettings({ targets: { 'llama3.1:70b': 12 } });

describe('modelChecks', () => {
  const cases = [
    {
      what: 'a configured endpoint that does not answer is critical',
      endpoints: [down(11434, 'configured')],
      checks: [['model.down:http://127.0.0.1:11434', 'critical', 'model.down', 'Ollama :11434 does not answer: http://127.0.0.1:11434/api/tags refused the connection: nothing is listening there (configured endpoint)']],
      severities: ['critical'],
    },
    {
      what: 'an autodetected endpoint that vanished is a warning, with when it was last seen',
      endpoints: [down(8080, 'autodetected', { name: 'llama.cpp :8080' })],
      checks: [['model.down:http://127.0.0.1:8080', 'warning', 'model.down', 'llama.cpp :8080 does not answer any more: http://127.0.0.1:8080/api/tags refused the connection: nothing is listening there (autodetected endpoint, last seen 2023-11-14 22:13 UTC)']],
      severities: ['warning'],
    },
    {
      what: 'two probes in a row below the target are slow',
      endpoints: [endpoint(11434, { models: [model('qwen3:8b', { recentDecode: [18.24, 22] })] })],
      checks: [['model.slow:http://127.0.0.1:11434/qwen3:8b', 'warning', 'model.slow', 'qwen3:8b decodes at 18.2 tok/s, below its target of 30 (two probes in a row)']],
      severities: ['warning'],
    },
    {
      what: 'one slow probe is not enough',
      endpoints: [endpoint(11434, { models: [model('qwen3:8b', { recentDecode: [18] })] })],
      checks: [['models', 'ok', undefined, '1 server, 1 model loaded']],
      severities: ['ok'],
    },
    {
      what: 'a slow probe after a fast one is not slow',
      endpoints: [endpoint(11434, { models: [model('qwen3:8b', { recentDecode: [18, 42] })] })],
      checks: [['models', 'ok', undefined, '1 server, 1 model loaded']],
      severities: ['ok'],
    },
    {
      what: "a model's own target applies over the default",
      endpoints: [endpoint(11434, { models: [model('llama3.1:70b', { recentDecode: [14, 13] }), model('qwen3:8b', { loaded: false })] }), endpoint(8000)],
      checks: [['models', 'ok', undefined, '2 servers, 1 model loaded']],
      severities: ['ok', 'ok'],
    },
    {
      what: 'no endpoints: no check at all',
      endpoints: [],
      checks: [],
      severities: [],
    },
  ];
  for (const c of cases) {
    it(c.what, () => {
      const { snapshot, checks } = modelChecks(snapshotOf(c.endpoints), settings);
      assert.deepEqual(
        checks.map((check) => [check.id, check.severity, check.alert, check.summary]),
        c.checks,
      );
      assert.deepEqual(snapshot.endpoints.map((e) => e.severity), c.severities);
    });
  }

  it('fills in each model its target and severity', () => {
    const { snapshot } = modelChecks(snapshotOf([endpoint(1, { models: [model('llama3.1:70b', { recentDecode: [10, 11] }), model('qwen3:8b', { recentDecode: [40, 41] })] })]), settings);
    assert.deepEqual(snapshot.endpoints[0].models.map((m) => [m.name, m.targetTokensPerSecond, m.severity]), [['llama3.1:70b', 12, 'warning'], ['qwen3:8b', 30, 'ok']]);
  });

  it('targetFor: per model, else the section default', () => {
    assert.equal(targetFor(settings, 'llama3.1:70b'), 12);
    assert.equal(targetFor(settings, 'other'), 30);
  });
});

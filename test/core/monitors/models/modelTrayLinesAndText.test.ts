// What the tray and the CLI say about model servers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelChecks } from '../../../../electron/core/monitors/models/modelChecks';
import { modelsText } from '../../../../electron/core/monitors/models/modelsText';
import { modelTrayLines } from '../../../../electron/core/monitors/models/modelTrayLines';
import { modelsSettings, probeRecord } from './modelsHarness';
import { down, endpoint, model, snapshotOf } from './modelsViews';

const settings = modelsSettings();

describe('model tray lines', () => {
  it('a probed model, one not probed yet, a down endpoint; worst first', () => {
    const up = endpoint(11434, { models: [model('llama3.1:8b', { lastProbe: probeRecord('u', 'llama3.1:8b', 42.4, 180.4) }), model('qwen3:4b'), model('phi4', { loaded: false })] });
    const lines = modelTrayLines(modelChecks(snapshotOf([up, down(8080, 'configured', { name: 'Box' })]), settings));
    assert.deepEqual(lines, [
      { label: 'Box · down', severity: 'critical' },
      { label: 'llama3.1:8b · 42.4 tok/s · TTFT 180 ms', severity: 'ok' },
      { label: 'qwen3:4b · loaded, not probed yet', severity: 'ok' },
    ]);
  });

  it('a slow model is amber, and at most six lines', () => {
    const models = Array.from({ length: 8 }, (_, i) => model(`m${i}`, { recentDecode: i === 7 ? [10, 10] : [] }));
    const lines = modelTrayLines(modelChecks(snapshotOf([endpoint(1, { models })]), settings));
    assert.equal(lines.length, 6);
    assert.deepEqual(lines[0], { label: 'm7 · loaded, not probed yet', severity: 'warning' });
  });

  it('no endpoints: no lines', () => {
    assert.deepEqual(modelTrayLines(modelChecks(snapshotOf([]), settings)), []);
  });
});

describe('models text', () => {
  it('lists endpoints with kind, version, latency and models', () => {
    const up = endpoint(11434, { models: [model('llama3.1:8b', { sizeBytes: 6e9, vramBytes: 5e9, lastProbe: probeRecord('u', 'llama3.1:8b', 42) }), model('phi4', { loaded: false })] });
    const text = modelsText(snapshotOf([up, down(8080, 'configured', { name: 'Box' })]), 'alone') ?? '';
    assert.match(text, /"Ollama :11434" http:\/\/127\.0\.0\.1:11434 \(Ollama 0\.5\.7, autodetected\): up, 12 ms/);
    assert.match(text, /"llama3\.1:8b" · loaded · 6\.00 GB \(5\.00 GB in GPU memory\) · last probe .*: 42 tok\/s, TTFT 180 ms/);
    assert.match(text, /"phi4" · available/);
    assert.match(text, /"Box" .*: down: http:\/\/127\.0\.0\.1:8080\/api\/tags refused the connection/);
  });

  it('status shows the section only when there are endpoints; alone says none were found', () => {
    assert.equal(modelsText(snapshotOf([]), 'status'), null);
    assert.match(modelsText(snapshotOf([]), 'alone') ?? '', /none found/);
    assert.notEqual(modelsText(snapshotOf([endpoint(1)]), 'status'), null);
  });
});

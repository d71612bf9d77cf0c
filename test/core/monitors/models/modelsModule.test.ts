// The models module's shape: switched off, not read yet, what restarts its collector.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelsModule } from '../../../../electron/core/monitors/models/modelsModule';
import { defaultSettings } from '../../../../shared/config/settingsSchema';
import { endpoint, snapshotOf } from './modelsViews';

describe('modelsModule', () => {
  it('switched off: state disabled, no checks', () => {
    const settings = defaultSettings();
    settings.models.enabled = false;
    assert.equal(modelsModule.enabled(settings), false);
    const { snapshot, checks } = modelsModule.assess({ snapshot: snapshotOf([endpoint(1)]), error: null, enabled: false, settings, at: 5 });
    assert.deepEqual([snapshot.state, snapshot.endpoints, checks], ['disabled', [], []]);
  });

  it('a collector that failed is unknown with its reason', () => {
    const { snapshot, checks } = modelsModule.assess({ snapshot: null, error: 'boom', enabled: true, settings: defaultSettings(), at: 5 });
    assert.deepEqual([snapshot.state, checks.map((c) => [c.id, c.severity, c.summary])], ['unknown', [['models', 'unknown', 'boom']]]);
  });

  it('targets are thresholds: changing one does not restart the collector; an endpoint does', () => {
    const before = defaultSettings();
    const target = defaultSettings();
    target.models.targets = { 'qwen3:8b': 50 };
    target.models.targetTokensPerSecond = 10;
    assert.deepEqual(modelsModule.collectionSettings(target), modelsModule.collectionSettings(before));
    const endpoints = defaultSettings();
    endpoints.models.endpoints = [{ url: 'http://127.0.0.1:11434' }];
    assert.notDeepEqual(modelsModule.collectionSettings(endpoints), modelsModule.collectionSettings(before));
    assert.deepEqual(modelsModule.series.map((s) => s.name), ['model.latencyMs:<url>', 'model.generationTokensPerSecond:<url>']);
  });
});
